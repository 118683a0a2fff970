import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newKey, newTenant } from '../api-client';
import { putBytes, putStraight, requestUpload, settled, sha256, uploadDocument } from './helpers';

const MIB = 1024 * 1024;

describe('uploads through presigned URLs', () => {
  it('reserves, takes the bytes by PUT and finalises on the S3 event into a document', async () => {
    const t = await newTenant('Uploads', 'standard', 2);
    const bytes = Buffer.from('hello, documents');
    const res = expectStatus(await requestUpload(t.ownerKey, bytes, { fileName: 'hello.txt' }), 201);
    expect(res.body).toMatchObject({
      method: 'PUT',
      fileName: 'hello.txt',
      fileNameChanged: false,
      size: bytes.length,
    });
    expect(res.body.headers).toEqual({
      'content-type': 'text/plain',
      'content-length': String(bytes.length),
      'x-amz-checksum-sha256': sha256(bytes),
    });
    const url = new URL(res.body.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(900);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;x-amz-checksum-sha256');
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);

    expect((await putBytes(res.body, bytes)).status).toBe(200);
    const upload = await settled(t.ownerKey, res.body.uploadId);
    expect(upload.body).toMatchObject({ status: 'completed', documentId: res.body.documentId });
    const doc = expectStatus(await call('GET', `/v1/documents/${res.body.documentId}`, { key: t.ownerKey }), 200).body;
    expect(doc).toMatchObject({
      name: 'hello.txt',
      contentType: 'text/plain',
      size: bytes.length,
      sha256: sha256(bytes),
      currentVersion: 1,
      versionCount: 1,
      visibility: 'tenant',
      status: 'draft',
    });
  });

  it('completes synchronously: 409 before the object arrives, then the document, again and again', async () => {
    const t = await newTenant();
    const bytes = Buffer.from('sync');
    const ticket = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    const early = expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }), 409);
    expect(early.body.code).toBe('CONFLICT');
    await putBytes(ticket, bytes);
    const first = expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }), 200);
    const again = expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }), 200);
    expect(first.body.id).toBe(ticket.documentId);
    expect(again.body).toMatchObject({ id: ticket.documentId, currentVersion: 1, versionCount: 1 });
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    expect(usage).toMatchObject({ usedBytes: bytes.length, reservedBytes: 0, documents: 1 });
  });

  // S3 (and the local proxy in front of s3rver) refuses a PUT whose length or checksum differs from
  // the signed ones; the finaliser checks all the same (S3 events say nothing of signatures), so the
  // wrong bytes are also written straight to the key, as only a bucket-level writer could.
  it('deletes an object whose size differs from the reservation and releases it', async () => {
    const t = await newTenant();
    const declared = Buffer.from('ten bytes!');
    const ticket = expectStatus(await requestUpload(t.ownerKey, declared), 201).body;
    expect((await putBytes(ticket, Buffer.from('eleven byte'))).status).toBe(403);
    await putStraight(ticket.url, Buffer.from('eleven byte'));
    const upload = await settled(t.ownerKey, ticket.uploadId);
    expect(upload.body.status).toBe('rejected');
    expect(upload.body.reason).toMatch(/size mismatch/);
    expectStatus(await call('GET', `/v1/documents/${ticket.documentId}`, { key: t.ownerKey }), 404);
    expect(expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body).toMatchObject({
      usedBytes: 0,
      reservedBytes: 0,
      documents: 0,
    });
    expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }), 409);
  });

  it('rejects bytes whose SHA-256 differs from the declared one', async () => {
    const t = await newTenant();
    const ticket = expectStatus(await requestUpload(t.ownerKey, Buffer.from('original'), {}), 201).body;
    const tampered = await putBytes(
      { ...ticket, headers: { ...ticket.headers, 'x-amz-checksum-sha256': sha256('tampered') } },
      Buffer.from('tampered'),
    );
    expect(tampered.status).toBe(403);
    await putStraight(ticket.url, Buffer.from('tampered'));
    const upload = await settled(t.ownerKey, ticket.uploadId);
    expect(upload.body.status, JSON.stringify(upload.body)).toBe('rejected');
    expect(upload.body.reason).toMatch(/checksum mismatch/);
  });

  it('refuses an upload over the quota with 413 and the figures, before any byte moves and reserving nothing', async () => {
    const t = await newTenant('Small', 'free', 1);
    const small = await uploadDocument(t.ownerKey, 'x'.repeat(1000));
    const res = expectStatus(await requestUpload(t.ownerKey, Buffer.from('x'), { size: 200 * MIB - 999 }), 413);
    expect(res.body).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      status: 413,
      usedBytes: small.size,
      reservedBytes: 0,
      limitBytes: 200 * MIB,
      requestedBytes: 200 * MIB - 999,
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expectStatus(await requestUpload(t.ownerKey, Buffer.from('x'), { size: 200 * MIB - 1000 }), 201);
    expect(expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body).toMatchObject({
      usedBytes: 1000,
      reservedBytes: 200 * MIB - 1000,
      limitBytes: 200 * MIB,
    });
  });

  it('applies a plan change made through the admin API on the next request', async () => {
    const t = await newTenant('Growing', 'free', 1);
    const big = { size: 300 * MIB };
    expectStatus(await requestUpload(t.ownerKey, Buffer.from('x'), big), 413);
    expectStatus(
      await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { plan: 'extended' } }),
      200,
    );
    expectStatus(await requestUpload(t.ownerKey, Buffer.from('x'), big), 201);
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    expect(usage).toMatchObject({ plan: 'extended', limitBytes: null, reservedBytes: 300 * MIB });
  });

  it('refuses zero bytes, more than 5 GiB and a bad checksum with 400; sanitises a path in the name', async () => {
    const t = await newTenant();
    for (const size of [0, 5 * 1024 * MIB + 1]) {
      const res = expectStatus(await requestUpload(t.ownerKey, Buffer.from('x'), { size }), 400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('body.size');
    }
    expectStatus(await requestUpload(t.ownerKey, Buffer.from('x'), { sha256: 'abc' }), 400);
    expectStatus(await requestUpload(t.ownerKey, Buffer.from('x'), { fileName: `${'é'.repeat(128)}.txt` }), 400);
    const named = expectStatus(
      await requestUpload(t.ownerKey, Buffer.from('x'), { fileName: 'C:\\Users\\me\\report\u202Egpj.exe' }),
      201,
    );
    expect(named.body).toMatchObject({ fileName: 'reportgpj.exe', fileNameChanged: true });
  });

  it('lets a viewer upload nothing', async () => {
    const t = await newTenant();
    const viewer = await newKey(t, 'viewer');
    expectStatus(await requestUpload(viewer, Buffer.from('x')), 403);
  });
});
