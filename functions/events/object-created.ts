import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { ULID } from '#core/ids';
import { logger } from '#observability/logger';
import { s3 } from '#store/s3';

// Every object Dossier stores lives under "t/<tenantId>/". Anything else reached the bucket
// without going through the API (a stray upload, a misused presigned form) and is removed, so
// nothing outside a tenant's prefix can ever count against — or escape — a quota.
const TENANT_PREFIX = new RegExp(`^t/ten_${ULID}/`);

export async function handler(event: S3Event): Promise<{ kept: number; removed: number }> {
  let kept = 0;
  let removed = 0;
  for (const record of event.Records ?? []) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    if (TENANT_PREFIX.test(key)) {
      kept += 1;
      continue;
    }
    logger.warn('removing object outside any tenant prefix', { bucket, key, size: record.s3.object.size });
    await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    removed += 1;
  }
  return { kept, removed };
}
