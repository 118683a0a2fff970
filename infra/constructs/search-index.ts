import { execFileSync } from 'node:child_process';
import { mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { DockerImage, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Code, LayerVersion, type ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { FunctionSpec } from '#infra/catalog';
import { architecture } from '#infra/constructs/bundling';
import { fromRoot } from '#infra/constructs/project';

// The search index (issue 25, docs/decisions/0014-search-on-lancedb.md): its own bucket, with no
// event notifications (LanceDB's files must never reach the upload finaliser), and the engine's
// native module as a layer for the functions that search or index.

/** The layer's folder: its package.json pins the engine; `nodejs/node_modules` is installed at synth. */
const LAYER_SOURCE = 'infra/layers/lancedb';

/**
 * `npm install` for Lambda's platform (linux, arm64, glibc), on this machine: no Docker. npm picks
 * the engine's arm64 native package by `--cpu`/`--os`, whatever the machine that synthesizes.
 */
export function installLayer(outputDir: string): void {
  const target = path.join(outputDir, 'nodejs');
  mkdirSync(target, { recursive: true });
  copyFileSync(fromRoot(`${LAYER_SOURCE}/package.json`), path.join(target, 'package.json'));
  execFileSync(
    'npm',
    [
      'install',
      '--omit=dev',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--cpu=arm64',
      '--os=linux',
      '--libc=glibc',
    ],
    { cwd: target, stdio: 'inherit' },
  );
}

export class SearchIndex extends Construct {
  readonly bucket: Bucket;
  readonly layer: ILayerVersion;

  constructor(scope: Construct, id: string, props: { bucketProps: ConstructorParameters<typeof Bucket>[2] }) {
    super(scope, id);
    // Derived data (rebuilt by a reindex): no access logs, no versioning; LanceDB removes old versions itself.
    this.bucket = new Bucket(this, 'Bucket', props.bucketProps);
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The search index is derived data that only Dossier functions read and write; a reindex rebuilds it.',
    });
    this.layer = new LayerVersion(this, 'LanceDb', {
      description: '@lancedb/lancedb 0.31.0 (linux arm64)',
      compatibleArchitectures: [architecture],
      code: Code.fromAsset(fromRoot(LAYER_SOURCE), {
        bundling: {
          // Used only if the local install below cannot run.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
          command: [
            'bash',
            '-c',
            'mkdir -p /asset-output/nodejs && cp package.json /asset-output/nodejs && cd /asset-output/nodejs && npm install --omit=dev --no-package-lock',
          ],
          local: {
            tryBundle(outputDir) {
              installLayer(outputDir);
              return true;
            },
          },
        },
      }),
    });
  }

  /** Query (list and read) or also write (put, delete) the index's objects, by the catalog's `searchIndex`. */
  grant(grantee: IGrantable, access: NonNullable<FunctionSpec['searchIndex']>): void {
    grantIndexBucket(this.bucket, grantee, access);
  }
}

export function grantIndexBucket(bucket: IBucket, grantee: IGrantable, access: 'read' | 'readwrite'): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [bucket.arnForObjects('t/*')],
    }),
  );
}
