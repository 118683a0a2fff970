import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PREVIEW_EXPIRY_TAG } from '#store/templates/preview-keys';
import { globalSecondaryIndexes, partitionKey, sortKey, TTL_ATTRIBUTE } from '#store/dynamo/table-schema';

export interface DataProps {
  /** Origins allowed to upload straight to the bucket with presigned PUT/POST. */
  corsOrigins: string[];
}

/** The one table and the one document bucket; both outlive the stack. */
export class Data extends Construct {
  readonly table: TableV2;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    // Log delivery through a bucket policy rather than the legacy ACL grant (which needs ACLs
    // re-enabled on the log bucket). This is CDK's recommended flag; cdk.json does not set it yet.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // The outbox's events reach the webhook fan-out through the stream (decisions 0012, 0013).
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      encryption: TableEncryptionV2.awsManagedKey(),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: globalSecondaryIndexes.map((gsi) => ({
        indexName: gsi.name,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
      })),
    });

    const accessLogs = new Bucket(this, 'AccessLogs', {
      ...privateBucket,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "This bucket receives the document bucket's server access logs; logging it too would only move the problem one bucket further.",
    });

    this.bucket = new Bucket(this, 'Documents', {
      ...privateBucket,
      // Versioning off: document versions are ours (one object per upload, t/<tenant>/d/<doc>/<upload>),
      // each counted in the quota. S3 versions would keep deleted documents' bytes, uncounted, for as
      // long as a lifecycle rule says, and "delete" would not delete.
      versioned: false,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
      // Browsers PUT straight to presigned URLs; the signed headers must be allowed. GET/HEAD let a
      // web app fetch a presigned download. No POST: Dossier signs no POST policies.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: props.corsOrigins,
          allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Previews over the inline cap (store/templates/preview-objects.ts) are tagged to go a day
        // later: counted nowhere, kept nowhere. Locally infra/local/preview-lifecycle.ts does this.
        {
          id: 'ExpirePreviews',
          tagFilters: { [PREVIEW_EXPIRY_TAG.key]: PREVIEW_EXPIRY_TAG.value },
          expiration: Duration.days(1),
        },
      ],
    });
  }
}

export const privateBucket = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;
