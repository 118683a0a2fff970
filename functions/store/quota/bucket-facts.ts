import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parseUploadObjectKey } from '#core/documents/upload';
import type { BucketFacts } from '#core/quota/reconcile';
import { bucketName, s3 } from '#store/aws/s3';

/** The tenant's prefix: every object of a tenant lives under it (upload keys, render scratch). */
const tenantPrefix = (tenantId: string) => `t/${tenantId}/`;

/**
 * Reconcile's view of the bucket: every object under the tenant's prefix, listed page by page
 * (1,000 keys a request). Bytes under upload keys are what usage should count; anything else is
 * summed per first sub-prefix (`t/<tenant>/jobs/`, …), so hidden bytes show where they sit.
 */
export async function bucketFacts(tenantId: string): Promise<BucketFacts> {
  const prefix = tenantPrefix(tenantId);
  const other = new Map<string, { bytes: number; objects: number }>();
  let uploadBytes = 0;
  let token: string | undefined;
  do {
    const page = await s3().send(
      new ListObjectsV2Command({ Bucket: bucketName(), Prefix: prefix, ContinuationToken: token }),
    );
    for (const { Key, Size } of page.Contents ?? []) {
      if (!Key) continue;
      const size = Size ?? 0;
      if (parseUploadObjectKey(Key)?.tenantId === tenantId) {
        uploadBytes += size;
        continue;
      }
      const rest = Key.slice(prefix.length);
      const sub = prefix + (rest.includes('/') ? rest.slice(0, rest.indexOf('/') + 1) : rest);
      const seen = other.get(sub) ?? { bytes: 0, objects: 0 };
      other.set(sub, { bytes: seen.bytes + size, objects: seen.objects + 1 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return {
    uploadBytes,
    unaccounted: [...other].map(([p, n]) => ({ prefix: p, ...n })).sort((a, b) => a.prefix.localeCompare(b.prefix)),
  };
}
