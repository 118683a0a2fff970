import { S3Client } from '@aws-sdk/client-s3';
import { config } from '#config';
import { failFast } from '#store/aws/client-options';

let client: S3Client | undefined;

export function s3(): S3Client {
  if (!client) {
    const { AWS_REGION, S3_ENDPOINT } = config();
    client = new S3Client({
      region: AWS_REGION,
      // No total request timeout: object bodies may legitimately take long to stream.
      ...failFast(),
      ...(S3_ENDPOINT ? { endpoint: S3_ENDPOINT, forcePathStyle: true } : {}),
    });
  }
  return client;
}

export const bucketName = (): string => config().BUCKET_NAME;
