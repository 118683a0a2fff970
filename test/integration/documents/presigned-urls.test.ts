import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, inject, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { localS3, objectExists, objectKeyOf, putBytes, requestUpload, uploadDocument } from './helpers';

// The local S3 checks presigned URLs as S3 does (infra/local/s3-proxy.ts): a URL changed in any
// signed part, or used after it expired, is refused with 403 and S3's XML error, and stores nothing.

async function refused(res: Response, code: string): Promise<void> {
  expect(res.status).toBe(403);
  expect(await res.text()).toContain(`<Code>${code}</Code>`);
}

describe('presigned URLs on the local S3', () => {
  it('refuses a PUT whose path was changed to another upload of the same tenant', async () => {
    const t = await newTenant();
    const bytes = Buffer.from('path');
    const ticket = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    const other = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    const url = new URL(ticket.url);
    url.pathname = new URL(other.url).pathname;
    await refused(await putBytes({ ...ticket, url: url.href }, bytes), 'SignatureDoesNotMatch');
    expect(await objectExists(objectKeyOf(other.url))).toBe(false);
    // The URL as signed still works.
    expect((await putBytes(ticket, bytes)).status).toBe(200);
  });

  it("refuses a PUT moved under another tenant's prefix", async () => {
    const a = await newTenant('A');
    const b = await newTenant('B');
    const bytes = Buffer.from('into b');
    const ticket = expectStatus(await requestUpload(a.ownerKey, bytes), 201).body;
    const url = new URL(ticket.url);
    url.pathname = url.pathname.replace(`/t/${a.id}/`, `/t/${b.id}/`);
    expect(url.pathname).toContain(`/t/${b.id}/`);
    await refused(await putBytes({ ...ticket, url: url.href }, bytes), 'SignatureDoesNotMatch');
    expect(await objectExists(objectKeyOf(url.href))).toBe(false);
  });

  it('refuses an expired URL, and one whose expiry was stretched', async () => {
    const t = await newTenant();
    const bytes = Buffer.from('late');
    const ticket = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    // The same PUT as the API signs, signed 16 minutes ago: its 15 minutes are over.
    const signed = new Set(['content-length', 'content-type', 'x-amz-checksum-sha256']);
    const old = await getSignedUrl(
      localS3(),
      new PutObjectCommand({
        Bucket: inject('bucketName'),
        Key: objectKeyOf(ticket.url),
        ContentType: ticket.headers['content-type'],
        ContentLength: bytes.length,
        ChecksumSHA256: ticket.headers['x-amz-checksum-sha256'],
      }),
      {
        expiresIn: 900,
        signingDate: new Date(Date.now() - 16 * 60 * 1000),
        signableHeaders: signed,
        unhoistableHeaders: signed,
      },
    );
    const expired = await putBytes({ ...ticket, url: old }, bytes);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    const stretched = new URL(old);
    stretched.searchParams.set('X-Amz-Expires', '3600');
    await refused(await putBytes({ ...ticket, url: stretched.href }, bytes), 'SignatureDoesNotMatch');
    expect(await objectExists(objectKeyOf(ticket.url))).toBe(false);
  });

  it('refuses bytes of the signed length that differ from the signed checksum, also over a live version', async () => {
    const t = await newTenant();
    const bytes = Buffer.from('the real one');
    const ticket = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    const forged = Buffer.from('a forged one');
    expect(forged.length).toBe(bytes.length);
    const first = await putBytes(ticket, forged);
    expect(first.status).toBe(400);
    expect(await first.text()).toContain('<Code>BadDigest</Code>');
    expect(await objectExists(objectKeyOf(ticket.url))).toBe(false);
    expect((await putBytes(ticket, bytes)).status).toBe(200);
    expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }), 200);
    // The URL lives on for its 15 minutes: it cannot replace the version's bytes with others.
    expect((await putBytes(ticket, forged)).status).toBe(400);
    const res = expectStatus(
      await call('GET', `/v1/documents/${ticket.documentId}/download`, { key: t.ownerKey }),
      302,
    );
    expect(await (await fetch(res.headers.get('location')!)).text()).toBe('the real one');
  });

  it('refuses other bytes, headers or disposition than the signed ones, and anonymous requests', async () => {
    const t = await newTenant();
    const bytes = Buffer.from('signed type');
    const ticket = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    await refused(
      await putBytes({ ...ticket, headers: { ...ticket.headers, 'content-type': 'text/html' } }, bytes),
      'SignatureDoesNotMatch',
    );
    const doc = await uploadDocument(t.ownerKey, '<b>x</b>', { fileName: 'x.html', contentType: 'text/html' });
    const res = expectStatus(await call('GET', `/v1/documents/${doc.id}/download`, { key: t.ownerKey }), 302);
    const inline = new URL(res.headers.get('location')!);
    inline.searchParams.set('response-content-disposition', 'inline');
    await refused(await fetch(inline), 'SignatureDoesNotMatch');
    const bare = new URL(res.headers.get('location')!);
    bare.search = '';
    await refused(await fetch(bare), 'AccessDenied');
    expect(await (await fetch(res.headers.get('location')!)).text()).toBe('<b>x</b>');
    // The handlers' own header-signed SDK calls pass.
    const got = await localS3().send(
      new GetObjectCommand({ Bucket: inject('bucketName'), Key: objectKeyOf(inline.href) }),
    );
    expect(await got.Body!.transformToString()).toBe('<b>x</b>');
  });
});
