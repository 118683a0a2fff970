import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DownloadUrlRequest, Presigner, UploadUrlRequest } from '#core/documents/presigner';
import { config } from '#config';
import { bucketName, s3 } from '#store/aws/s3';

// SigV4 query-string signing. For the PUT, content-length, content-type and x-amz-checksum-sha256
// are signed headers: S3 refuses a PUT whose length, type or bytes differ from the reservation
// (the finaliser still checks: an S3 event says nothing of how the bytes came). The SDK would hoist
// unsignable headers into the query, so they are named in `signableHeaders`.
const SIGNED = new Set(['content-length', 'content-type', 'x-amz-checksum-sha256']);

export const s3Presigner: Presigner = {
  async upload(req: UploadUrlRequest) {
    const command = new PutObjectCommand({
      Bucket: bucketName(),
      Key: req.objectKey,
      ContentType: req.contentType,
      ContentLength: req.size,
      ChecksumSHA256: req.sha256,
    });
    const url = await getSignedUrl(s3(), command, {
      expiresIn: req.expiresIn,
      signableHeaders: SIGNED,
      unhoistableHeaders: SIGNED,
    });
    // content-length is set by every HTTP client from the body; listed so nobody forgets it is signed.
    return {
      url,
      headers: {
        'content-type': req.contentType,
        'content-length': String(req.size),
        'x-amz-checksum-sha256': req.sha256,
      },
    };
  },
  async download(req: DownloadUrlRequest) {
    // The response-* overrides are part of the signature: nobody can turn the attachment into inline.
    const command = new GetObjectCommand({
      Bucket: bucketName(),
      Key: req.objectKey,
      ResponseContentType: req.contentType,
      ResponseContentDisposition: req.contentDisposition,
    });
    return servedWithNosniff(await getSignedUrl(s3(), command, { expiresIn: req.expiresIn }));
  },
};

/**
 * S3 cannot add `X-Content-Type-Options: nosniff` to a GET: on AWS the same signed URL is served
 * through CloudFront (infra/constructs/downloads.ts), which adds it and sends S3 its own Host, so
 * the signature holds. Locally the S3 proxy in front of s3rver adds it (no DOWNLOAD_BASE_URL).
 */
function servedWithNosniff(signed: string): string {
  const base = config().DOWNLOAD_BASE_URL;
  if (!base) return signed;
  const url = new URL(signed);
  const served = new URL(base);
  url.protocol = served.protocol;
  url.host = served.host;
  return url.href;
}
