import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#config';
import { verifyPresigned } from '#infra/local/s3-signatures';
import { s3Presigner } from '#store/aws/presign';

// On AWS a download URL is the presigned S3 URL with CloudFront's host (which adds nosniff). It must
// still be S3's signature: CloudFront forwards path and query and sends the bucket's own Host.
const BUCKET = 'dossier-documents-test';
const REGION = 'eu-north-1';
const saved = { ...process.env };

beforeAll(() => {
  for (const k of ['S3_ENDPOINT', 'AWS_PROFILE']) delete process.env[k];
  Object.assign(process.env, {
    TABLE_NAME: 'dossier',
    BUCKET_NAME: BUCKET,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    DOWNLOAD_BASE_URL: 'https://d111111abcdef8.cloudfront.net',
  });
  resetConfig();
});
afterAll(() => {
  process.env = saved;
  resetConfig();
});

describe('download URLs on AWS', () => {
  it("are CloudFront's host with S3's own signature, which S3 verifies behind it", async () => {
    const url = new URL(
      await s3Presigner.download({
        objectKey: 't/ten_1/d/doc_1/upl_1',
        expiresIn: 300,
        contentType: 'text/html',
        contentDisposition: 'attachment; filename="a.html"',
      }),
    );
    expect(url.origin).toBe('https://d111111abcdef8.cloudfront.net');
    expect(url.pathname).toBe('/t/ten_1/d/doc_1/upl_1');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const asS3SeesIt = {
      method: 'GET',
      url: url.pathname + url.search,
      headers: { host: `${BUCKET}.s3.${REGION}.amazonaws.com` },
    };
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    expect(await verifyPresigned(asS3SeesIt, credentials)).toEqual({ ok: true });
    // The host CloudFront was reached by is not what was signed: S3 would refuse it if forwarded.
    expect(await verifyPresigned({ ...asS3SeesIt, headers: { host: url.host } }, credentials)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
  });
});
