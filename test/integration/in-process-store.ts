import { inject } from 'vitest';
import { resetConfig } from '#config';
import { resetDocumentClient } from '#store/dynamo/client';

/**
 * Points this test process's own store clients at the shared local runtime (the same DynamoDB
 * Local, s3rver and Step Functions endpoints its Lambdas use), so a test can call the store or
 * serve handlers in-process. `extra` adds settings such as a cursor secret.
 */
export function useLocalRuntimeFromThisProcess(extra: Record<string, string> = {}): void {
  const endpoints = inject('endpoints');
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    TABLE_NAME: inject('tableName'),
    BUCKET_NAME: inject('bucketName'),
    DYNAMODB_ENDPOINT: endpoints.dynamodb,
    S3_ENDPOINT: endpoints.s3,
    SFN_ENDPOINT: endpoints.sfn,
    SES_ENDPOINT: endpoints.ses,
    MAIL_FROM_ADDRESS: 'no-reply@dossier.localhost',
    ...extra,
  });
  resetConfig();
  resetDocumentClient();
}
