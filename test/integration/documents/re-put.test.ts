import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { newId } from '#core/ids';
import { adminKey, call, expectStatus, newTenant } from '../api-client';
import {
  localS3,
  objectExists,
  objectGoneWithin,
  objectKeyOf,
  putBytes,
  requestUpload,
  uploadDocument,
} from './helpers';

// The same presigned URL PUT again within its 15 minutes, after the upload settled and its
// document was deleted: S3 takes it as happily as the first time. The finaliser must delete it
// (nothing counts it), and reconcile must see what the bucket holds, not only what the table says.

const usage = async (key: string) => expectStatus(await call('GET', '/v1/tenant/usage', { key }), 200).body;
const reconcile = async (tenantId: string) =>
  expectStatus(await call('POST', `/v1/admin/tenants/${tenantId}/reconcile`, { key: adminKey() }), 200).body;

describe('bytes put again after a delete', () => {
  it('deletes a re-PUT to a deleted document’s URL: usage unchanged, reconcile finds no hidden bytes', async () => {
    const t = await newTenant();
    const bytes = Buffer.from('first and only');
    const ticket = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    expect((await putBytes(ticket, bytes)).status).toBe(200);
    expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }), 200);
    expectStatus(await call('DELETE', `/v1/documents/${ticket.documentId}`, { key: t.ownerKey }), 204);
    expect(await objectExists(objectKeyOf(ticket.url))).toBe(false);

    expect((await putBytes(ticket, bytes)).status).toBe(200);
    expect(await objectGoneWithin(objectKeyOf(ticket.url), 10_000)).toBe(true);
    expect(await usage(t.ownerKey)).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
    expect(await reconcile(t.id)).toMatchObject({ drift: [], bucket: { uploadBytes: 0, unaccounted: [] } });
    expectStatus(await call('GET', `/v1/documents/${ticket.documentId}`, { key: t.ownerKey }), 404);
  });

  it('keeps a re-PUT of a live version (its bytes are counted)', async () => {
    const t = await newTenant();
    const bytes = Buffer.from('still here');
    const ticket = expectStatus(await requestUpload(t.ownerKey, bytes), 201).body;
    await putBytes(ticket, bytes);
    expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }), 200);
    expect((await putBytes(ticket, bytes)).status).toBe(200);
    expect(await objectGoneWithin(objectKeyOf(ticket.url), 1_000)).toBe(false);
    const doc = expectStatus(
      await call('GET', `/v1/documents/${ticket.documentId}/download`, { key: t.ownerKey }),
      302,
    );
    expect(await (await fetch(doc.headers.get('location')!)).text()).toBe('still here');
    expect(await reconcile(t.id)).toMatchObject({ drift: [], bucket: { uploadBytes: bytes.length, unaccounted: [] } });
  });

  it('cancels the pending version uploads of a deleted document: complete is 410, the bytes released, a later PUT deleted', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, 'v1');
    const next = Buffer.from('version two');
    const ticket = expectStatus(await requestUpload(t.ownerKey, next, { documentId: doc.id }), 201).body;
    expect(await usage(t.ownerKey)).toMatchObject({ usedBytes: 2, reservedBytes: next.length });
    expectStatus(await call('DELETE', `/v1/documents/${doc.id}`, { key: t.ownerKey }), 204);

    const upload = expectStatus(await call('GET', `/v1/uploads/${ticket.uploadId}`, { key: t.ownerKey }), 200).body;
    expect(upload).toMatchObject({ status: 'cancelled', reason: 'its document was deleted' });
    const gone = expectStatus(
      await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: t.ownerKey }),
      410,
    ).body;
    expect(gone).toMatchObject({ code: 'GONE' });
    expect(gone.detail).toContain('cancelled');
    expect(await usage(t.ownerKey)).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });

    expect((await putBytes(ticket, next)).status).toBe(200);
    expect(await objectGoneWithin(objectKeyOf(ticket.url), 10_000)).toBe(true);
    expect(await usage(t.ownerKey)).toMatchObject({ usedBytes: 0, reservedBytes: 0 });
    expect(await reconcile(t.id)).toMatchObject({ drift: [], bucket: { uploadBytes: 0, unaccounted: [] } });
  });

  it('reconcile reports bytes planted in the bucket: under an upload key as drift, elsewhere per sub-prefix', async () => {
    const t = await newTenant();
    await uploadDocument(t.ownerKey, '12345');
    const put = (Key: string, body: string) =>
      localS3().send(new PutObjectCommand({ Bucket: inject('bucketName'), Key, Body: body }));
    // An upload key no upload of ours names: the finaliser ignores it, so it stays.
    await put(`t/${t.id}/d/${newId('doc')}/${newId('upl')}`, 'x'.repeat(7));
    await put(`t/${t.id}/stray/one.bin`, 'y'.repeat(11));
    await put(`t/${t.id}/stray/two.bin`, 'y'.repeat(13));
    await put(`t/${t.id}/loose.bin`, 'z'.repeat(3));
    const report = await reconcile(t.id);
    expect(report.drift).toEqual([{ field: 'bucketBytes', recorded: 5, actual: 12 }]);
    expect(report.bucket).toEqual({
      uploadBytes: 12,
      unaccounted: [
        { prefix: `t/${t.id}/loose.bin`, bytes: 3, objects: 1 },
        { prefix: `t/${t.id}/stray/`, bytes: 24, objects: 2 },
      ],
    });
    expect(report.recomputed).toEqual({ usedBytes: 5, reservedBytes: 0, documents: 1 });
  });
});
