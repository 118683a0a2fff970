import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { finaliseUpload } from '#core/documents/finalise-upload';
import type { DocumentsDeps } from '#core/documents/ports';
import { ULID } from '#core/ids';
import { logger } from '#observability/logger';
import { s3 } from '#store/aws/s3';
import { documentsDeps } from '#wiring/documents';

// Every object Dossier stores lives under "t/<tenantId>/". Anything else reached the bucket
// without going through the API (a stray upload, a misused presigned form) and is removed, so
// nothing outside a tenant's prefix can ever count against — or escape — a quota. Objects under
// a tenant prefix are uploads: the finaliser checks what arrived against the reservation.
const TENANT_PREFIX = new RegExp(`^t/ten_${ULID}/`);

export interface ObjectCreatedDeps {
  documents: DocumentsDeps;
  removeStray(bucket: string, key: string): Promise<void>;
}

export function objectCreated(deps: ObjectCreatedDeps) {
  return async (event: S3Event): Promise<{ finalised: Record<string, number>; removed: number; failed: number }> => {
    const finalised: Record<string, number> = {};
    let removed = 0;
    let failed = 0;
    for (const record of event.Records ?? []) {
      const bucket = record.s3.bucket.name;
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      try {
        if (!TENANT_PREFIX.test(key)) {
          logger.warn('removing object outside any tenant prefix', { bucket, key, size: record.s3.object.size });
          await deps.removeStray(bucket, key);
          removed += 1;
          continue;
        }
        const outcome = await finaliseUpload(deps.documents, { key });
        finalised[outcome.status] = (finalised[outcome.status] ?? 0) + 1;
        logger.info('object finalised', {
          key,
          status: outcome.status,
          ...('why' in outcome ? { why: outcome.why } : {}),
        });
      } catch (error) {
        // One object's failure must not starve the others; the sweeper settles an upload once its hold ends.
        failed += 1;
        logger.error('object-created failed', { key, error: error as Error });
      }
    }
    return { finalised, removed, failed };
  };
}

export const handler = objectCreated({
  documents: documentsDeps,
  removeStray: async (bucket, key) => {
    await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  },
});
