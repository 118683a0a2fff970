import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { ObjectHead, ObjectStore } from '#core/documents/ports';
import { bucketName, s3 } from '#store/aws/s3';

// S3 keeps the SHA-256 the presigned PUT signed in (x-amz-checksum-sha256) and reports it on
// HeadObject with ChecksumMode ENABLED: one request, no bytes read. s3rver keeps no checksums, and
// a multipart object reports a composite one ("…-N"), so then, and only then, the object is
// streamed once and hashed: the finaliser must compare what arrived, never trust the event.

const isMissing = (e: unknown): boolean => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NotFound' || err?.name === 'NoSuchKey' || err?.$metadata?.httpStatusCode === 404;
};

/** Size and hash of the same bytes: the object could be replaced between a HEAD and a GET. */
async function readAndHash(key: string): Promise<ObjectHead | undefined> {
  try {
    const { Body } = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: key }));
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of Body as Readable) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { size, sha256: hash.digest('base64') };
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

export const s3ObjectStore: ObjectStore = {
  async head(key): Promise<ObjectHead | undefined> {
    try {
      const head = await s3().send(new HeadObjectCommand({ Bucket: bucketName(), Key: key, ChecksumMode: 'ENABLED' }));
      const reported = head.ChecksumSHA256 && !head.ChecksumSHA256.includes('-') ? head.ChecksumSHA256 : undefined;
      return reported ? { size: head.ContentLength ?? 0, sha256: reported } : await readAndHash(key);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  },

  async delete(key) {
    // Idempotent on S3: deleting a missing key succeeds, so a repeated settle costs nothing.
    await s3().send(new DeleteObjectCommand({ Bucket: bucketName(), Key: key }));
  },
};
