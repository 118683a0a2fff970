import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { QuotaExceededError } from '#core/quota/quota-exceeded';
import { requestUpload } from '#core/documents/request-upload';
import { MAX_UPLOAD_BYTES, UploadRequest } from '#core/documents/upload-input';
import { EMPTY_USAGE } from '#core/quota/usage';
import { MIB } from '#core/quota/plans';
import { callerOf, memoryWorld, TENANT, USERS } from './fakes/memory-documents';
import { sha256Base64 } from './fakes/sha';
import { uploadFile } from './fakes/upload-file';
import { atEdge } from '../../../support/edge';

const alice = callerOf('member', USERS.alice);
const body = (over: Record<string, unknown> = {}) => ({
  fileName: 'a.pdf',
  contentType: 'application/pdf',
  size: 10,
  sha256: sha256Base64('x'),
  ...over,
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: DomainError) => e,
  );
const DEAL = 'deal_01JD0000000000000000000001';

describe('requestUpload', () => {
  it('reserves the size and returns what the HTTP layer presigns', async () => {
    const w = memoryWorld();
    const t = await requestUpload(w.deps, alice, body({ fileName: 'docs/Ang\u0065\u0301bot.pdf' }));
    expect(t.uploadId).toMatch(/^upl_/);
    expect(t.documentId).toMatch(/^doc_/);
    expect(t.objectKey).toBe(`t/${TENANT}/d/${t.documentId}/${t.uploadId}`);
    expect(t).toMatchObject({
      fileName: 'Angébot.pdf',
      fileNameChanged: true,
      size: 10,
      expiresIn: 900,
      expiresAt: '2026-11-28T10:15:00.000Z',
    });
    expect(w.usageOf(TENANT)).toMatchObject({ reservedBytes: 10, committedPlusReserved: 10, usedBytes: 0 });
    expect(w.uploads.get(t.uploadId)).toMatchObject({
      status: 'pending',
      by: USERS.alice,
      kind: 'document',
      holdUntil: '2026-11-28T10:25:00.000Z',
    });
  });

  it.each([
    ['zero bytes', { size: 0 }, 'size'],
    ['over 5 GiB', { size: MAX_UPLOAD_BYTES + 1 }, 'size'],
    ['a fractional size', { size: 1.5 }, 'size'],
    ['a hex checksum', { sha256: 'a'.repeat(64) }, 'sha256'],
    ['a checksum of 31 bytes', { sha256: Buffer.alloc(31).toString('base64') }, 'sha256'],
    ['no content type', { contentType: 'pdf' }, 'contentType'],
    ['a name that sanitises to nothing', { fileName: '../\u0000' }, 'fileName'],
    ['a name over 255 bytes', { fileName: 'é'.repeat(128) }, 'fileName'],
    ['a link with a wrong id', { links: [{ entity: 'deal', id: 'con_01JD0000000000000000000001' }] }, 'links.0.id'],
    ['51 links', { links: Array.from({ length: 51 }, () => ({ entity: 'deal', id: DEAL })) }, 'links'],
    ['an unknown field', { folder: 'x' }, 'folder'],
    [
      'links with documentId',
      { documentId: 'doc_01JD0000000000000000000001', links: [{ entity: 'deal', id: DEAL }] },
      'links',
    ],
  ])('refuses %s with 400 and reserves nothing', async (_what, over, path) => {
    const w = memoryWorld();
    w.records.add(`deal#${DEAL}`);
    // The shape is refused at the edge (the route's schema), the rest by the use case.
    const e = await refusal((async () => requestUpload(w.deps, alice, atEdge(UploadRequest, body(over))))());
    expect(e?.code).toBe('VALIDATION');
    expect(e?.errors.map((x) => x.path)).toContain(path);
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
    expect(w.uploads.size).toBe(0);
  });

  it('accepts exactly 1 byte and exactly 5 GiB on an unlimited plan', async () => {
    const w = memoryWorld();
    const big = callerOf('member', USERS.alice, 'extended');
    await expect(requestUpload(w.deps, big, body({ size: 1 }))).resolves.toBeTruthy();
    await expect(requestUpload(w.deps, big, body({ size: MAX_UPLOAD_BYTES }))).resolves.toBeTruthy();
  });

  it('accepts a media type with parameters and passes it on unchanged (it is signed into the URL)', async () => {
    const w = memoryWorld();
    expect((await requestUpload(w.deps, alice, body({ contentType: 'text/plain; charset="utf-8"' }))).contentType).toBe(
      'text/plain; charset="utf-8"',
    );
  });

  it('refuses a viewer', async () => {
    const w = memoryWorld();
    expect((await refusal(requestUpload(w.deps, callerOf('viewer', USERS.vera), body())))?.code).toBe('FORBIDDEN');
  });

  it('refuses over quota with 413 and the figures, reserving nothing', async () => {
    const w = memoryWorld();
    w.usage.set(TENANT, {
      ...EMPTY_USAGE,
      usedBytes: 150 * MIB,
      reservedBytes: 45 * MIB,
      committedPlusReserved: 195 * MIB,
    });
    // An admin may take the whole room left (a member half of it: cancel-and-share.test.ts).
    const admin = callerOf('admin', USERS.alice);
    const e = await refusal(requestUpload(w.deps, admin, body({ size: 5 * MIB + 1 })));
    expect(e).toBeInstanceOf(QuotaExceededError);
    expect((e as QuotaExceededError).extensions).toEqual({
      usedBytes: 150 * MIB,
      reservedBytes: 45 * MIB,
      limitBytes: 200 * MIB,
      requestedBytes: 5 * MIB + 1,
    });
    expect(w.usageOf(TENANT).committedPlusReserved).toBe(195 * MIB);
    await expect(requestUpload(w.deps, admin, body({ size: 5 * MIB }))).resolves.toBeTruthy();
  });

  it('refuses a file larger than the whole plan without writing', async () => {
    const w = memoryWorld();
    const e = await refusal(requestUpload(w.deps, alice, body({ size: 200 * MIB + 1 })));
    expect(e?.code).toBe('QUOTA_EXCEEDED');
    expect(w.stats.reserveCalls).toBe(0);
  });

  it('applies a plan change on the next request (the tenant comes with the caller)', async () => {
    const w = memoryWorld();
    w.usage.set(TENANT, { ...EMPTY_USAGE, usedBytes: 300 * MIB, committedPlusReserved: 300 * MIB });
    expect((await refusal(requestUpload(w.deps, alice, body())))?.code).toBe('QUOTA_EXCEEDED');
    await expect(requestUpload(w.deps, callerOf('member', USERS.alice, 'standard', 1), body())).resolves.toBeTruthy();
  });

  it('names a linked record that does not exist', async () => {
    const w = memoryWorld();
    const e = await refusal(requestUpload(w.deps, alice, body({ links: [{ entity: 'deal', id: DEAL }] })));
    expect(e?.code).toBe('VALIDATION');
    expect(e?.errors).toEqual([{ path: 'links.0.id', message: `no deal with id ${DEAL}` }]);
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
  });

  it('makes a version upload only by someone who may write the document', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    const bob = callerOf('member', USERS.bob);
    expect((await refusal(requestUpload(w.deps, bob, body({ documentId: document.id }))))?.code).toBe('FORBIDDEN');
    const t = await requestUpload(w.deps, alice, body({ documentId: document.id }));
    expect(t.documentId).toBe(document.id);
    expect(
      (await refusal(requestUpload(w.deps, alice, body({ documentId: 'doc_01JD0000000000000000000009' }))))?.code,
    ).toBe('NOT_FOUND');
  });

  it('hides a restricted document from a version upload by someone not on its list', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    w.documents.set(document.id, { ...w.documents.get(document.id)!, visibility: 'restricted' });
    expect(
      (await refusal(requestUpload(w.deps, callerOf('member', USERS.bob), body({ documentId: document.id }))))?.code,
    ).toBe('NOT_FOUND');
  });
});
