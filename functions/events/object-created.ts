import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { finaliseUpload } from '#core/documents/finalise-upload';
import { ULID } from '#core/ids';
import { logger } from '#observability/logger';
import { s3 } from '#store/s3';
import { documentsPorts } from '#wiring/documents';

// Every object Dossier stores lives under "t/<tenantId>/". Anything else reached the bucket
// without going through the API (a stray upload, a misused presigned form) and is removed, so
// nothing outside a tenant's prefix can ever count against — or escape — a quota. Objects under
// a tenant prefix are uploads: the finaliser checks what arrived against the reservation.
const TENANT_PREFIX = new RegExp(`^t/ten_${ULID}/`);

export async function handler(event: S3Event): Promise<{ finalised: Record<string, number>; removed: number; failed: number }> {
  const finalised: Record<string, number> = {};
  let removed = 0;
  let failed = 0;
  for (const record of event.Records ?? []) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    if (!TENANT_PREFIX.test(key)) {
      logger.warn('removing object outside any tenant prefix', { bucket, key, size: record.s3.object.size });
      await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      removed += 1;
      continue;
    }
    try {
      const outcome = await finaliseUpload(documentsPorts, { key });
      finalised[outcome.status] = (finalised[outcome.status] ?? 0) + 1;
      logger.info('object finalised', { key, status: outcome.status, ...('why' in outcome ? { why: outcome.why } : {}) });
    } catch (error) {
      // One object's failure must not starve the others; the sweeper settles it once its hold ends.
      failed += 1;
      logger.error('finalising failed', { key, error: error as Error });
    }
  }
  return { finalised, removed, failed };
}
