import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { BucketAccess } from '#infra/catalog';

// Explicit actions instead of Bucket.grantRead/grantReadWrite, whose `s3:GetObject*`, `s3:List*`,
// `s3:DeleteObject*` and `s3:Abort*` wildcards also grant version deletion, ACL and retention calls.
const objectActions: Record<Exclude<BucketAccess, 'none' | 'probe'>, string[]> = {
  read: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes', 's3:GetObjectTagging'],
  readwrite: [
    's3:GetObject',
    's3:GetObjectVersion',
    's3:GetObjectAttributes',
    's3:GetObjectTagging',
    's3:PutObject',
    's3:PutObjectTagging',
    's3:DeleteObject',
    's3:AbortMultipartUpload',
  ],
};

export function grantBucket(bucket: IBucket, grantee: IGrantable, access: BucketAccess): void {
  if (access === 'none') return;
  // ListBucket also answers HeadBucket (the health probe) and tells 404 from 403.
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
  if (access === 'probe') return;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: objectActions[access], resources: [bucket.arnForObjects('*')] }),
  );
}
