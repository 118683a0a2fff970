import { describe, expect, it } from 'vitest';
import type { Document } from '#core/documents/document';
import { removeDelta } from '#core/quota/usage';
import { byRecord } from '#store/documents/document-lists';
import { dynamoDocumentsStore as store } from '#store/documents/documents-store';
import { dynamoShareLinkStore as shareLinks } from '#store/documents/share-link-store';
import { documentPk, recordPk } from '#store/dynamo/keys';
import { dynamoUsageStore as usage } from '#store/quota/usage-store';
import { committedDocument } from './committed';
import { ACTOR, freshTenant, partition, putUser, tenantWithRecords, timeline, USER, useLocalStores } from './world';

useLocalStores();

const bump = (d: Document, over: Partial<Document>): Document => ({
  ...d,
  ...over,
  version: d.version + 1,
  updatedAt: new Date().toISOString(),
});

describe('saving a document', () => {
  it('moves its record copies with its links and writes every timeline', async () => {
    const {
      tenantId,
      companies: [a, b, c],
    } = await tenantWithRecords(3);
    const doc = await committedDocument(tenantId, [a, b]);
    const next = bump(doc, { name: 'renamed.pdf', links: [b, c], tags: ['signed'] });
    expect(await store.saveDocument(next, doc.version, { added: [c], removed: [a] }, ACTOR, [])).toBe('saved');
    expect(await store.getDocument(tenantId, doc.id)).toEqual(next);
    expect((await byRecord(tenantId, a, { limit: 5 }))?.items).toEqual([]);
    expect((await byRecord(tenantId, b, { limit: 5 }))?.items).toEqual([next]);
    expect((await byRecord(tenantId, c, { limit: 5 }))?.items).toEqual([next]);
    const types = async (l: typeof a) => (await timeline(recordPk(tenantId, l.entity, l.id))).map((e) => e.type);
    expect(await types(a)).toContain('document_removed');
    expect(await types(b)).toContain('document_updated');
    expect(await types(c)).toContain('document_added');
    expect(await timeline(documentPk(tenantId, doc.id))).toContainEqual(
      expect.objectContaining({ type: 'updated', actor: ACTOR }),
    );
  });

  it('refuses a stale version and names missing records and ACL users, changing nothing', async () => {
    const {
      tenantId,
      companies: [a],
    } = await tenantWithRecords(1);
    const doc = await committedDocument(tenantId);
    expect(
      await store.saveDocument(bump(doc, { name: 'x' }), doc.version - 1, { added: [], removed: [] }, ACTOR, []),
    ).toBe('version-conflict');
    const ghost = { entity: 'company' as const, id: 'com_01JD0000000000000000000099' };
    const known = 'usr_01JD00000000000000000000AA';
    const unknown = 'usr_01JD00000000000000000000BB';
    await putUser(tenantId, known);
    const restricted = bump(doc, {
      links: [a, ghost],
      visibility: 'restricted',
      acl: [
        { userId: known, access: 'read' },
        { userId: unknown, access: 'write' },
        { role: 'admin', access: 'write' },
      ],
    });
    expect(await store.saveDocument(restricted, doc.version, { added: [a, ghost], removed: [] }, ACTOR, [])).toEqual({
      missingLinks: [ghost],
      missingUsers: [unknown],
    });
    expect(await store.getDocument(tenantId, doc.id)).toEqual(doc);
    const ok = { ...restricted, links: [a], acl: [{ userId: known, access: 'read' as const }] };
    expect(await store.saveDocument(ok, doc.version, { added: [a], removed: [] }, ACTOR, [])).toBe('saved');
    // A restricted document shows on the record's timeline by id only.
    const entry = (await timeline(recordPk(tenantId, a.entity, a.id))).find((e) => e.type === 'document_added');
    expect(entry?.changes).toEqual([{ field: 'document', from: null, to: { id: doc.id } }]);
  });
});

describe('deleting a document', () => {
  it('removes it, its versions, copies, relations and share links in one go, and its bytes leave usage', async () => {
    const {
      tenantId,
      companies: [a],
    } = await tenantWithRecords(1);
    const doc = await committedDocument(tenantId, [a], 40);
    const other = await committedDocument(tenantId, [], 2);
    const relation = {
      id: 'rel_01JD0000000000000000000001',
      tenantId,
      fromId: doc.id,
      toId: other.id,
      type: 'supersedes' as const,
      createdAt: new Date().toISOString(),
      by: USER,
    };
    expect(await store.putRelation(relation)).toBe('created');
    const link = {
      id: 'shl_01JD0000000000000000000001',
      tenantId,
      documentId: doc.id,
      tokenHash: 'h',
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      maxDownloads: null,
      downloads: 0,
      by: USER,
    };
    await shareLinks.putShareLink(link);
    const versions = await store.listVersions(tenantId, doc.id);

    expect(
      await store.deleteDocument({ ...doc, version: doc.version + 5 }, versions, removeDelta(versions), ACTOR),
    ).toBe(false);
    expect(await store.deleteDocument(doc, versions, removeDelta(versions), ACTOR)).toBe(true);

    expect(await store.getDocument(tenantId, doc.id)).toBeUndefined();
    // Only its events stay (decision 0012): its document.created and the deletion's tombstone.
    const left = await partition(documentPk(tenantId, doc.id));
    expect(left).toHaveLength(2);
    expect(left.every((sk) => String(sk).startsWith('OUT#'))).toBe(true);
    expect(await store.listRelations(tenantId, other.id)).toEqual([]);
    expect(await store.getRelation(tenantId, relation.id)).toBeUndefined();
    expect(await shareLinks.getShareLink(tenantId, link.id)).toBeUndefined();
    expect((await byRecord(tenantId, a, { limit: 5 }))?.items).toEqual([]);
    expect(await timeline(recordPk(tenantId, a.entity, a.id))).toContainEqual(
      expect.objectContaining({ type: 'document_removed' }),
    );
    expect(await usage.read(tenantId)).toEqual({
      usedBytes: 2,
      reservedBytes: 0,
      committedPlusReserved: 2,
      documents: 1,
      byUser: { [USER]: 2 },
    });
  });
});

describe('relations', () => {
  it('reads from both sides, refuses duplicates (related either way round) and missing documents', async () => {
    const tenantId = freshTenant();
    const [a, b] = [await committedDocument(tenantId), await committedDocument(tenantId)];
    const rel = (id: string, fromId: string, toId: string, type: 'related' | 'based-on') => ({
      id,
      tenantId,
      fromId,
      toId,
      type,
      createdAt: new Date().toISOString(),
      by: USER,
    });
    const r1 = rel('rel_01JD0000000000000000000011', a.id, b.id, 'related');
    expect(await store.putRelation(r1)).toBe('created');
    expect(await store.putRelation(rel('rel_01JD0000000000000000000012', b.id, a.id, 'related'))).toBe('duplicate');
    expect(await store.putRelation(rel('rel_01JD0000000000000000000013', b.id, a.id, 'based-on'))).toBe('created');
    expect(
      await store.putRelation(
        rel('rel_01JD0000000000000000000014', a.id, 'doc_01JD0000000000000000000099', 'based-on'),
      ),
    ).toBe('document-gone');
    expect((await store.listRelations(tenantId, a.id)).map((r) => r.id).sort()).toEqual([
      'rel_01JD0000000000000000000011',
      'rel_01JD0000000000000000000013',
    ]);
    expect((await store.listRelations(tenantId, b.id)).map((r) => r.id).sort()).toEqual([
      'rel_01JD0000000000000000000011',
      'rel_01JD0000000000000000000013',
    ]);
    expect(await store.getRelation(tenantId, r1.id)).toEqual(r1);
    expect(await store.deleteRelation(r1)).toBe(true);
    expect(await store.deleteRelation(r1)).toBe(false);
    expect((await store.listRelations(tenantId, b.id)).map((r) => r.id)).toEqual(['rel_01JD0000000000000000000013']);
  });
});

describe('tenant isolation', () => {
  it("reads another tenant's documents, versions, relations and share links as absent", async () => {
    const tenantId = freshTenant();
    const doc = await committedDocument(tenantId);
    const stranger = freshTenant();
    expect(await store.getDocument(stranger, doc.id)).toBeUndefined();
    expect(await store.getDocuments(stranger, [doc.id])).toEqual([]);
    expect(await store.getDocuments(tenantId, [doc.id, doc.id])).toEqual([doc]);
    expect(await store.getVersion(stranger, doc.id, 1)).toBeUndefined();
    expect(await store.listVersions(stranger, doc.id)).toEqual([]);
    expect(await store.listRelations(stranger, doc.id)).toEqual([]);
    expect(await shareLinks.listShareLinks(stranger, doc.id)).toEqual([]);
    expect(await store.deleteDocument({ ...doc, tenantId: stranger }, [], removeDelta([]), ACTOR)).toBe(false);
    expect(await store.getDocument(tenantId, doc.id)).toEqual(doc);
  });
});
