import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { PREVIEW_KEY, PREVIEW_TTL_MS } from '#store/templates/preview-keys';

// The local twin of the bucket's lifecycle rule `ExpirePreviews` (infra/constructs/data.ts): s3rver
// has no lifecycle, so the local runtime deletes previews older than a day itself. It lists the
// whole bucket, which only a local bucket can afford; on AWS S3 expires them by their tag.

const EVERY_MS = 10 * 60_000;

/** Deletes every preview last written before `now` − 1 day; how many it deleted. */
export async function expirePreviews(client: S3Client, bucket: string, now = Date.now()): Promise<number> {
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 't/', ContinuationToken: token }),
    );
    const old = (page.Contents ?? []).filter(
      (o) => o.Key && PREVIEW_KEY.test(o.Key) && o.LastModified && now - o.LastModified.getTime() >= PREVIEW_TTL_MS,
    );
    if (old.length) {
      await client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: old.map((o) => ({ Key: o.Key! })) } }),
      );
      deleted += old.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}

/** Runs the sweep every ten minutes until stopped. */
export function runPreviewLifecycle(client: S3Client, bucket: string): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = expirePreviews(client, bucket).catch((e) => console.error('preview lifecycle failed:', e));
  }, EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
