import { PutObjectCommand } from '@aws-sdk/client-s3';
import { contentDisposition } from '#core/documents/content-disposition';
import { DOWNLOAD_URL_TTL_SECONDS } from '#core/documents/download';
import { newId } from '#core/ids';
import { s3Presigner } from '#store/aws/presign';
import { bucketName, s3 } from '#store/aws/s3';
import { PREVIEW_EXPIRY_TAG, previewPrefix } from '#store/templates/preview-keys';

// A preview too large to travel inline (the workflow's output holds 256 KB) waits in the bucket,
// under t/<tenant>/previews/ where no upload key is (the finaliser ignores it, usage never sees
// it), tagged for the bucket's lifecycle rule to delete a day later (infra/constructs/data.ts;
// locally infra/local/preview-lifecycle.ts). The client gets a short-lived GET link to it.

export async function putPreview(tenantId: string, pdf: Uint8Array): Promise<string> {
  // An id with no prefix of its own: the key is not a resource of the API.
  const key = `${previewPrefix(tenantId)}${newId('job').slice(4)}.pdf`;
  await s3().send(
    new PutObjectCommand({
      Bucket: bucketName(),
      Key: key,
      Body: pdf,
      ContentType: 'application/pdf',
      Tagging: `${PREVIEW_EXPIRY_TAG.key}=${PREVIEW_EXPIRY_TAG.value}`,
    }),
  );
  return key;
}

/** The link the API answers with: as short-lived as a download's. */
export async function previewLink(key: string, fileName: string): Promise<{ url: string; expiresAt: string }> {
  const url = await s3Presigner.download({
    objectKey: key,
    expiresIn: DOWNLOAD_URL_TTL_SECONDS,
    contentType: 'application/pdf',
    contentDisposition: contentDisposition(fileName),
  });
  return { url, expiresAt: new Date(Date.now() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString() };
}
