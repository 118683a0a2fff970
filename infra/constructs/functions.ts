import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, LayerVersion, LoggingFormat, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { functions, type FunctionId, type FunctionSpec } from '#infra/catalog';
import { grantBucket } from '#infra/constructs/bucket-access';
import { grantTable } from '#infra/constructs/table-access';
import { architecture, bundlingFor, runtime } from '#infra/constructs/bundling';
import { fromRoot, projectRoot } from '#infra/constructs/project';
import { eventDeadLetterQueue } from '#infra/constructs/dead-letter';
import { nagArn } from '#infra/constructs/nag-ids';
import type { SearchIndex } from '#infra/constructs/search-index';

export interface FunctionsProps {
  table: ITableV2;
  bucket: IBucket;
  /** Environment every function reads (see functions/config.ts); never the *_ENDPOINT overrides. */
  environment: Record<string, string>;
  /** Added for API functions only (the secrets). */
  apiEnvironment: Record<string, string>;
  /** Added for functions that send mail (`sendsMail`): the sender and the SES configuration set. */
  mailEnvironment: Record<string, string>;
  /** The search index's bucket and engine layer, for functions with `searchIndex`. */
  searchIndex: SearchIndex;
}

/** One Lambda per catalog entry, each with its own role, log group and least privileges. */
export class Functions extends Construct {
  readonly byId = new Map<FunctionId, NodejsFunction>();

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    for (const spec of functions) this.byId.set(spec.id, this.create(spec, props));
  }

  get(id: FunctionId): NodejsFunction {
    const fn = this.byId.get(id);
    if (!fn) throw new Error(`No function "${id}" in infra/catalog.ts`);
    return fn;
  }

  ofKind(kind: FunctionSpec['kind']): NodejsFunction[] {
    return functions.filter((f) => f.kind === kind).map((f) => this.get(f.id));
  }

  private create(spec: FunctionSpec, props: FunctionsProps): NodejsFunction {
    const scope = new Construct(this, spec.id);
    const logGroup = new LogGroup(scope, 'Logs', { retention: RetentionDays.ONE_MONTH });
    // An own role instead of the default one, whose AWSLambdaBasicExecutionRole may write to any log group.
    const role = new Role(scope, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Dossier ${spec.id}`,
    });
    logGroup.grantWrite(role);

    const fn = new NodejsFunction(scope, 'Function', {
      entry: fromRoot(spec.entry),
      handler: spec.handler ?? 'handler',
      projectRoot,
      depsLockFilePath: fromRoot('package-lock.json'),
      description: spec.description,
      runtime,
      architecture,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      bundling: bundlingFor(spec),
      layers: [
        ...(spec.bundling?.layers ?? []).map(
          (path, i) =>
            new LayerVersion(scope, `Layer${i}`, {
              code: Code.fromAsset(fromRoot(path)),
              compatibleArchitectures: [architecture],
            }),
        ),
        ...(spec.searchIndex ? [props.searchIndex.layer] : []),
      ],
      // No --enable-source-maps: parsing the map cost 15-25 ms of every cold start (npm run bench);
      // the maps ship with the assets for translating logged stack traces offline.
      environment: {
        ...props.environment,
        ...(spec.kind === 'api' ? props.apiEnvironment : {}),
        ...(spec.sendsMail ? props.mailEnvironment : {}),
        ...(spec.searchIndex ? { SEARCH_BUCKET_NAME: props.searchIndex.bucket.bucketName } : {}),
      },
      ...(spec.kind === 'event' || spec.kind === 'invoked' || spec.kind === 'mail-event'
        ? { deadLetterQueue: eventDeadLetterQueue(scope), retryAttempts: 2 }
        : {}),
    });

    grantTable(props.table, fn, spec.table);
    grantBucket(props.bucket, fn, spec.bucket);
    if (spec.searchIndex) props.searchIndex.grant(fn, spec.searchIndex);

    acknowledgeWildcards(role, spec, props);
    return fn;
  }
}

function acknowledgeWildcards(role: Role, spec: FunctionSpec, props: FunctionsProps): void {
  Validations.of(role).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; CDK adds them for active tracing.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${nagArn(props.table)}/index/*]`,
      reason:
        'Query on the GSIs of this one table (all ten are declared in functions/store/dynamo/table-schema.ts); the wildcard spans no other table.',
    },
  );
  if (spec.searchIndex)
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(props.searchIndex.bucket)}/t/*]`,
      reason:
        "One LanceDB database per tenant under t/<tenant>/, tenants made at run time: the tenant is chosen by the code from the authenticated key; the wildcard spans only the search index's bucket.",
    });
  if (spec.bucket === 'none' || spec.bucket === 'probe') return;
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagArn(props.bucket)}/*]`,
    reason:
      'Object keys are prefixed by tenant id and tenants are created at run time, so the tenant boundary is enforced by the code that builds keys from the authenticated tenant, not by IAM; the wildcard spans only this bucket.',
  });
}
