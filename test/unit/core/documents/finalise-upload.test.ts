import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { completeUpload, finaliseUpload, sweepUpload, uploadStatus } from '#core/documents/finalise-upload';
import { requestUpload } from '#core/documents/request-upload';
import { EMPTY_USAGE } from '#core/quota/usage';
import { callerOf, memoryWorld, TENANT, USERS, type World } from './fakes/memory-documents';
import { sha256Base64 } from './fakes/sha';
import { uploadFile } from './fakes/upload-file';

const alice = callerOf('member', USERS.alice);
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: DomainError) => e,
  );
const DEAL = 'deal_01JD0000000000000000000001';

async function ticket(w: World, over: Record<string, unknown> = {}) {
  return requestUpload(w.deps, alice, {
    fileName: 'a.pdf',
    contentType: 'application/pdf',
    size: 5,
    sha256: sha256Base64('hello'),
    ...over,
  });
}

describe('finalising an upload from the S3 event', () => {
  it('commits the bytes, creates the document and releases the reservation', async () => {
    const w = memoryWorld();
    w.records.add(`deal#${DEAL}`);
    const t = await ticket(w, { links: [{ entity: 'deal', id: DEAL }] });
    w.put(t.objectKey, { size: 5, sha256: sha256Base64('hello') });
    const r = await finaliseUpload(w.deps, { key: t.objectKey });
    expect(r.status).toBe('completed');
    expect(w.documents.get(t.documentId)).toMatchObject({
      name: 'a.pdf',
      size: 5,
      ownerId: USERS.alice,
      currentVersion: 1,
      versionCount: 1,
      visibility: 'tenant',
      status: 'draft',
      links: [{ entity: 'deal', id: DEAL }],
    });
    expect(w.versions.get(t.documentId)).toEqual([
      expect.objectContaining({ number: 1, size: 5, by: USERS.alice, objectKey: t.objectKey }),
    ]);
    expect(w.usageOf(TENANT)).toEqual({
      ...EMPTY_USAGE,
      usedBytes: 5,
      committedPlusReserved: 5,
      documents: 1,
      byUser: { [USERS.alice]: 5 },
    });
    expect(w.uploads.get(t.uploadId)).toMatchObject({ status: 'completed', versionNumber: 1 });
  });

  it('keeps the bytes of an upload another path settled while its batch read saw the upload settled but not yet the document', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.put(t.objectKey, { size: 5, sha256: sha256Base64('hello') });
    expect((await finaliseUpload(w.deps, { key: t.objectKey })).status).toBe('completed');
    // The S3 event again, its batch read landing between the settling transaction's writes (as a
    // render's register settles and names its new document in one): the upload settled, no document.
    const read = w.deps.documents.getUploadAndDocument.bind(w.deps.documents);
    w.deps.documents.getUploadAndDocument = async (tenantId, uploadId, documentId, opts) => {
      const both = await read(tenantId, uploadId, documentId, opts);
      return opts?.atomic ? both : { upload: both.upload };
    };
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toEqual({ status: 'ignored', why: 'already completed' });
    expect(w.objects.has(t.objectKey)).toBe(true);
    // With the document really gone, the late object is deleted as before.
    w.documents.delete(t.documentId);
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toMatchObject({ status: 'ignored' });
    expect(w.objects.has(t.objectKey)).toBe(false);
  });

  it('rejects an object whose size differs: deletes it, releases the reservation, keeps the reason', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.put(t.objectKey, { size: 6 });
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('size mismatch'),
    });
    expect(w.objects.has(t.objectKey)).toBe(false);
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
    expect(w.documents.size).toBe(0);
    expect(await uploadStatus(w.deps, alice, t.uploadId)).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('6 bytes arrived'),
    });
  });

  it('rejects an object whose declared checksum differs', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.put(t.objectKey, { size: 5, sha256: sha256Base64('hellO') });
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('checksum'),
    });
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
  });

  it('changes nothing on a duplicated event', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.put(t.objectKey, { size: 5 });
    await finaliseUpload(w.deps, { key: t.objectKey });
    const before = structuredClone(w.usageOf(TENANT));
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toMatchObject({ status: 'ignored' });
    expect(w.usageOf(TENANT)).toEqual(before);
    expect(w.versions.get(t.documentId)).toHaveLength(1);
    expect(w.objects.has(t.objectKey)).toBe(true);
  });

  it('ignores foreign keys and unknown uploads', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    const [, , , doc, upl] = t.objectKey.split('/');
    const otherDoc = 'doc_01JD0000000000000000000001';
    for (const key of [
      'other/thing',
      `t/${TENANT}/d/${doc}/not-an-id`,
      `t/${TENANT}/d/${doc}/upl_01JD0000000000000000000001`,
      `t/${TENANT}/d/${otherDoc}/${upl}`,
      `t/ten_01JD0000000000000000000009/d/${doc}/${upl}`,
      `${t.objectKey}/x`,
      `t/${TENANT}/u/${upl}`,
    ]) {
      w.put(key, { size: 5 });
      expect(await finaliseUpload(w.deps, { key })).toMatchObject({ status: 'ignored' });
    }
    expect(w.stats.deletedObjects).toEqual([]);
    expect(w.uploads.get(t.uploadId)!.status).toBe('pending');
  });

  it('deletes an object that lands after its reservation was released', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.advance(30 * 60);
    await sweepUpload(w.deps, TENANT, t.uploadId);
    w.put(t.objectKey, { size: 5 });
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toMatchObject({ status: 'ignored' });
    expect(w.objects.has(t.objectKey)).toBe(false);
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
  });

  it('lets the event and complete race: exactly one commit', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.put(t.objectKey, { size: 5 });
    const [a, b, c] = await Promise.all([
      finaliseUpload(w.deps, { key: t.objectKey }),
      completeUpload(w.deps, alice, t.uploadId),
      finaliseUpload(w.deps, { key: t.objectKey }),
    ]);
    expect(b.id).toBe(t.documentId);
    for (const r of [a, c]) expect(['completed', 'ignored']).toContain(r.status);
    expect(w.versions.get(t.documentId)).toHaveLength(1);
    expect(w.usageOf(TENANT)).toMatchObject({ usedBytes: 5, reservedBytes: 0, committedPlusReserved: 5, documents: 1 });
  });
});

describe('versions', () => {
  it('settles a version with one batched read of upload and document (two DynamoDB round trips with the commit)', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    const t = await ticket(w, { documentId: document.id });
    w.put(t.objectKey, { size: 5 });
    const before = { ...w.stats };
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toMatchObject({ status: 'completed' });
    expect(w.stats.batchReads - before.batchReads).toBe(1);
    expect(w.stats.documentReads - before.documentReads).toBe(0);
  });

  it('adds version 2 and counts both versions against the quota', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, { text: 'one' });
    const bob = callerOf('admin', USERS.admin);
    const { document: after } = await uploadFile(w, bob, {
      text: 'second',
      documentId: document.id,
      name: 'other.pdf',
    });
    expect(after).toMatchObject({
      id: document.id,
      name: 'contract.pdf',
      currentVersion: 2,
      versionCount: 2,
      size: 6,
      ownerId: USERS.alice,
      version: 2,
    });
    expect(w.versions.get(document.id)!.map((v) => [v.number, v.by])).toEqual([
      [1, USERS.alice],
      [2, USERS.admin],
    ]);
    expect(w.usageOf(TENANT)).toMatchObject({
      usedBytes: 9,
      documents: 1,
      byUser: { [USERS.alice]: 3, [USERS.admin]: 6 },
    });
  });

  it('numbers two concurrent versions 2 and 3, never twice the same', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    const a = await ticket(w, { documentId: document.id });
    const b = await ticket(w, { documentId: document.id });
    w.put(a.objectKey, { size: 5 });
    w.put(b.objectKey, { size: 5 });
    await Promise.all([finaliseUpload(w.deps, { key: a.objectKey }), finaliseUpload(w.deps, { key: b.objectKey })]);
    expect(w.versions.get(document.id)!.map((v) => v.number)).toEqual([1, 2, 3]);
    expect(w.documents.get(document.id)).toMatchObject({ currentVersion: 3, versionCount: 3 });
    expect(w.usageOf(TENANT)).toMatchObject({ usedBytes: 15, reservedBytes: 0 });
  });

  it('rejects a version whose document was deleted meanwhile', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    const t = await ticket(w, { documentId: document.id });
    w.documents.delete(document.id);
    w.put(t.objectKey, { size: 5 });
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toMatchObject({ status: 'rejected' });
    expect(w.objects.has(t.objectKey)).toBe(false);
    expect(w.usageOf(TENANT).reservedBytes).toBe(0);
  });

  it('keeps a new document without a link to a record deleted since the reservation', async () => {
    const w = memoryWorld();
    w.records.add(`deal#${DEAL}`);
    const t = await ticket(w, { links: [{ entity: 'deal', id: DEAL }] });
    w.records.delete(`deal#${DEAL}`);
    w.put(t.objectKey, { size: 5 });
    expect(await finaliseUpload(w.deps, { key: t.objectKey })).toMatchObject({ status: 'completed' });
    expect(w.documents.get(t.documentId)!.links).toEqual([]);
  });
});

describe('completeUpload', () => {
  it('answers 409 while the object has not arrived, then the document', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    expect((await refusal(completeUpload(w.deps, alice, t.uploadId)))?.code).toBe('CONFLICT');
    w.put(t.objectKey, { size: 5 });
    expect((await completeUpload(w.deps, alice, t.uploadId)).id).toBe(t.documentId);
    expect((await completeUpload(w.deps, alice, t.uploadId)).id).toBe(t.documentId);
  });

  it('answers 410 for an expired upload and releases its reservation', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.advance(15 * 60);
    const e = await refusal(completeUpload(w.deps, alice, t.uploadId));
    expect(e?.code).toBe('GONE');
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
    expect((await refusal(completeUpload(w.deps, alice, t.uploadId)))?.code).toBe('GONE');
  });

  it('still completes after the URL expired when the object arrived in time', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.put(t.objectKey, { size: 5 });
    w.advance(16 * 60);
    expect((await completeUpload(w.deps, alice, t.uploadId)).id).toBe(t.documentId);
  });

  it('answers 409 with the reason for a rejected upload', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.put(t.objectKey, { size: 4 });
    const e = await refusal(completeUpload(w.deps, alice, t.uploadId));
    expect(e?.code).toBe('CONFLICT');
    expect(e?.message).toContain('size mismatch');
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
  });

  it("hides another member's upload, and another tenant's", async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    expect((await refusal(completeUpload(w.deps, callerOf('member', USERS.bob), t.uploadId)))?.code).toBe('NOT_FOUND');
    expect((await refusal(uploadStatus(w.deps, callerOf('member', USERS.bob), t.uploadId)))?.code).toBe('NOT_FOUND');
    const other = { ...callerOf('owner', USERS.owner), tenantId: 'ten_01JD0000000000000000000009' };
    expect((await refusal(completeUpload(w.deps, other, t.uploadId)))?.code).toBe('NOT_FOUND');
    expect((await refusal(uploadStatus(w.deps, other, t.uploadId)))?.code).toBe('NOT_FOUND');
    expect(w.uploads.get(t.uploadId)!.status).toBe('pending');
  });
});

describe('the sweeper', () => {
  it('leaves a reservation alone until its hold passes, then releases it as expired', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.advance(20 * 60);
    expect(await sweepUpload(w.deps, TENANT, t.uploadId)).toMatchObject({ status: 'ignored', why: 'still held' });
    expect((await uploadStatus(w.deps, alice, t.uploadId)).status).toBe('pending');
    w.advance(5 * 60);
    expect((await uploadStatus(w.deps, alice, t.uploadId)).status).toBe('expired');
    expect(await sweepUpload(w.deps, TENANT, t.uploadId)).toMatchObject({ status: 'expired' });
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
  });

  it('settles an object whose event was lost instead of releasing it', async () => {
    const w = memoryWorld();
    const t = await ticket(w);
    w.put(t.objectKey, { size: 5 });
    w.advance(60 * 60);
    expect(await sweepUpload(w.deps, TENANT, t.uploadId)).toMatchObject({ status: 'completed' });
    expect(w.usageOf(TENANT)).toMatchObject({ usedBytes: 5, reservedBytes: 0 });
  });
});
