import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { contentDisposition } from '#core/documents/content-disposition';
import { DOWNLOAD_URL_TTL_SECONDS } from '#core/documents/download';
import type { SharedFileRef } from '#core/pages/ports';
import { INLINE_FILE_MAX_BYTES } from '#store/approvals/action-links';
import { s3Presigner } from '#store/aws/presign';
import { bucketName, s3 } from '#store/aws/s3';

// The file of a client's page (`/s/{token}/file`), once its view was counted: inline bytes for the
// page's frame, or a presigned attachment, as the approver's page serves its document.

export const sharedFileDownload = (file: SharedFileRef): Promise<string> =>
  s3Presigner.download({
    objectKey: file.objectKey,
    expiresIn: DOWNLOAD_URL_TTL_SECONDS,
    contentType: file.contentType,
    contentDisposition: contentDisposition(file.fileName),
  });

export async function sharedFileBytes(file: SharedFileRef): Promise<{ bytes: Buffer } | { tooLarge: true }> {
  if (file.size > INLINE_FILE_MAX_BYTES) return { tooLarge: true };
  const { Body, ContentLength } = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: file.objectKey }));
  // The version's size is what the upload declared; the object's own length is what would be sent.
  if ((ContentLength ?? 0) > INLINE_FILE_MAX_BYTES) {
    (Body as Readable).destroy();
    return { tooLarge: true };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of Body as Readable) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks) };
}
