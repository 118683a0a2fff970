import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { deleteDocument } from '#core/documents/delete-document';
import { downloadTarget } from '#core/documents/download';
import { DocumentPatch } from '#core/documents/document-patch';
import { patchDocument } from '#core/documents/patch-document';
import { getDocument, listVersions, visibleTo } from '#core/documents/read-documents';
import { requestUpload } from '#core/documents/request-upload';
import { EMPTY_USAGE } from '#core/quota/usage';
import { MIB } from '#core/quota/plans';
import { callerOf, memoryWorld, TENANT, USERS } from './fakes/memory-documents';
import { sha256Base64 } from './fakes/sha';
import { uploadFile } from './fakes/upload-file';
import { atEdge, edgeCode } from '../../../support/edge';

const alice = callerOf('member', USERS.alice);
const bob = callerOf('member', USERS.bob);
const admin = callerOf('admin', USERS.admin);
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  );
const DEAL = 'deal_01JD0000000000000000000001';
const CONTACT = 'con_01JD0000000000000000000001';

describe('patching a document', () => {
  it('renames (sanitised), tags (deduplicated) and bumps the version', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    const next = await patchDocument(
      w.deps,
      alice,
      document.id,
      atEdge(DocumentPatch, { name: 'x/Final.pdf', tags: ['Legal', 'legal', ' 2026 '] }),
      1,
    );
    expect(next).toMatchObject({ name: 'Final.pdf', tags: ['Legal', '2026'], version: 2 });
    expect(w.documents.get(document.id)!.version).toBe(2);
  });

  it('answers 412 to a stale If-Match and changes nothing', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    await patchDocument(w.deps, alice, document.id, { tags: ['a'] });
    expect(await code(patchDocument(w.deps, alice, document.id, { tags: ['b'] }, 1))).toBe('VERSION_CONFLICT');
    expect(w.documents.get(document.id)!.tags).toEqual(['a']);
  });

  it('re-applies concurrent patches without If-Match, keeping both fields', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    await Promise.all([
      patchDocument(w.deps, alice, document.id, { tags: ['a'] }),
      patchDocument(w.deps, alice, document.id, { name: 'n.pdf' }),
    ]);
    expect(w.documents.get(document.id)).toMatchObject({ tags: ['a'], name: 'n.pdf', version: 3 });
  });

  it('links records that exist and names those that do not', async () => {
    const w = memoryWorld();
    w.records.add(`deal#${DEAL}`);
    const { document } = await uploadFile(w, alice, {});
    expect(
      (
        await patchDocument(w.deps, alice, document.id, {
          links: [
            { entity: 'deal', id: DEAL },
            { entity: 'deal', id: DEAL },
          ],
        })
      ).links,
    ).toEqual([{ entity: 'deal', id: DEAL }]);
    const e = await patchDocument(w.deps, alice, document.id, { links: [{ entity: 'contact', id: CONTACT }] }).catch(
      (x: DomainError) => x,
    );
    expect(e).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'links.0.id', message: `no contact with id ${CONTACT}` }],
    });
  });

  it('restricts a document to an ACL of existing users; only the owner or an admin may', async () => {
    const w = memoryWorld();
    w.users.add(USERS.bob);
    const { document } = await uploadFile(w, alice, {});
    await patchDocument(w.deps, alice, document.id, {
      tags: ['shared'],
      acl: [{ userId: USERS.bob, access: 'write' }],
    });
    expect(await code(patchDocument(w.deps, bob, document.id, { tags: ['bob'] }))).toBe('ok');
    expect(await code(patchDocument(w.deps, bob, document.id, { visibility: 'restricted' }))).toBe('FORBIDDEN');
    expect(
      await code(patchDocument(w.deps, alice, document.id, { acl: [{ userId: USERS.vera, access: 'read' }] })),
    ).toBe('VALIDATION');
    await patchDocument(w.deps, alice, document.id, { visibility: 'restricted', acl: [] });
    expect(await code(getDocument(w.deps, bob, document.id))).toBe('NOT_FOUND');
    expect(await code(patchDocument(w.deps, bob, document.id, { tags: [] }))).toBe('NOT_FOUND');
    expect(await code(getDocument(w.deps, admin, document.id))).toBe('ok');
  });

  it('refuses a viewer and a member on a document not theirs', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    expect(await code(patchDocument(w.deps, callerOf('viewer', USERS.vera), document.id, { tags: [] }))).toBe(
      'FORBIDDEN',
    );
    expect(await code(patchDocument(w.deps, bob, document.id, { tags: [] }))).toBe('FORBIDDEN');
    expect(edgeCode(DocumentPatch, { size: 1 })).toBe('VALIDATION');
  });
});

describe('reading documents', () => {
  it('lists versions newest first without object keys', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, { text: 'one' });
    await uploadFile(w, alice, { text: 'two!', documentId: document.id });
    const versions = await listVersions(w.deps, alice, document.id);
    expect(versions.map((v) => [v.number, v.size])).toEqual([
      [2, 4],
      [1, 3],
    ]);
    expect(versions[0]).not.toHaveProperty('objectKey');
  });

  it('leaves restricted documents out of lists for those not on them', async () => {
    const w = memoryWorld();
    const { document: open } = await uploadFile(w, alice, {});
    const { document: closed } = await uploadFile(w, alice, {});
    const restricted = { ...closed, visibility: 'restricted' as const };
    expect(visibleTo(bob, [open, restricted]).map((d) => d.id)).toEqual([open.id]);
    expect(visibleTo(alice, [open, restricted])).toHaveLength(2);
  });

  it('downloads any version as an attachment with nosniff', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, { name: '<svg>.svg' });
    const target = await downloadTarget(w.deps, bob, document.id);
    expect(target.responseHeaders).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="<svg>.svg"; filename*=UTF-8''%3Csvg%3E.svg`,
      'x-content-type-options': 'nosniff',
    });
    expect(target.expiresIn).toBeLessThanOrEqual(300);
    expect(await code(downloadTarget(w.deps, bob, document.id, 2))).toBe('VALIDATION');
  });
});

describe('deleting a document', () => {
  it('removes every version and their bytes leave usage, each from its uploader', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, { text: 'one' });
    const { ticket } = await uploadFile(w, admin, { text: 'second', documentId: document.id });
    await deleteDocument(w.deps, alice, document.id);
    expect(w.documents.has(document.id)).toBe(false);
    expect(w.objects.has(ticket.objectKey)).toBe(false);
    expect(w.usageOf(TENANT)).toEqual(EMPTY_USAGE);
    expect(await code(deleteDocument(w.deps, alice, document.id))).toBe('NOT_FOUND');
  });

  it('works over quota after a downgrade and lets uploads resume once under', async () => {
    const w = memoryWorld();
    // An admin: a member's one reservation may take only half of the room left.
    const big = callerOf('admin', USERS.alice, 'standard', 1);
    const { document } = await uploadFile(w, big, { size: 300 * MIB });
    // Downgraded to free (200 MB): reads still work, uploads are refused, deleting is allowed.
    const small = callerOf('admin', USERS.alice, 'free');
    const uploadOneByte = () =>
      requestUpload(w.deps, small, {
        fileName: 'a.txt',
        contentType: 'text/plain',
        size: 1,
        sha256: sha256Base64('a'),
      });
    expect(await code(getDocument(w.deps, small, document.id))).toBe('ok');
    expect(await code(uploadOneByte())).toBe('QUOTA_EXCEEDED');
    await deleteDocument(w.deps, small, document.id);
    expect(await code(uploadOneByte())).toBe('ok');
  });

  it('refuses a member deleting what is not theirs, and a stale If-Match', async () => {
    const w = memoryWorld();
    const { document } = await uploadFile(w, alice, {});
    expect(await code(deleteDocument(w.deps, bob, document.id))).toBe('FORBIDDEN');
    expect(await code(deleteDocument(w.deps, alice, document.id, 7))).toBe('VERSION_CONFLICT');
    expect(w.documents.has(document.id)).toBe(true);
  });
});
