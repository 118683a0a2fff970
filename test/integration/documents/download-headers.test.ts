import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { follow, uploadDocument } from './helpers';

// The final response of a download (what the browser renders or saves), not only the API's 302,
// carries nosniff: on AWS CloudFront adds it in front of S3 (infra/constructs/downloads.ts), locally
// the S3 proxy does (infra/local/s3-proxy.ts).

function expectServedSafely(file: Response, name: string): void {
  expect(file.status).toBe(200);
  expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  expect(file.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${name}"`));
  expect(file.headers.get('content-type')).toMatch(/^text\/html/);
  expect(file.headers.get('cache-control')).toBe('no-store');
}

describe('downloads as the browser gets them', () => {
  it('serves a download with nosniff, as an attachment, not cached', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, '<script>alert(1)</script>', {
      fileName: 'page.html',
      contentType: 'text/html',
    });
    const res = expectStatus(await call('GET', `/v1/documents/${doc.id}/download`, { key: t.ownerKey }), 302);
    const file = await follow(res);
    expectServedSafely(file, 'page.html');
    expect(await file.text()).toBe('<script>alert(1)</script>');
    const head = await fetch(res.headers.get('location')!, { method: 'HEAD' });
    expect(head.status).toBe(403); // signed for GET only, as S3 answers
  });

  it('serves a share-link download with nosniff too', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, '<svg onload="alert(1)"/>', {
      fileName: 'shared.html',
      contentType: 'text/html',
    });
    const link = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey, body: { expiresIn: 3600 } }),
      201,
    ).body;
    const res = expectStatus(await call('GET', new URL(link.url).pathname), 302);
    const file = await follow(res);
    expectServedSafely(file, 'shared.html');
    expect(await file.text()).toBe('<svg onload="alert(1)"/>');
  });
});
