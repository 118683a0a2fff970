import { describe, expect, it } from 'vitest';
import type { Document } from '#core/documents/document';
import { byRecord, listDocuments } from '#store/documents/document-lists';
import { dynamoDocumentsStore as store } from '#store/documents/documents-store';
import { takeStoreMetrics } from '#store/aws/metrics';
import { committedDocument } from './committed';
import { ACTOR, freshTenant, tenantWithRecords, USER, useLocalStores } from './world';

useLocalStores();

async function allPagesOf(
  read: (cursor?: string) => Promise<{ items: Document[]; nextCursor: string | null } | undefined>,
) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = (await read(cursor))!;
    pages.push(page.items.map((d) => d.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

describe('documents linked to a record', () => {
  it('come newest first, one Query a page, the first page also proving the record exists', async () => {
    const {
      tenantId,
      companies: [a, b],
    } = await tenantWithRecords(2);
    const docs: Document[] = [];
    for (let i = 0; i < 5; i++) docs.push(await committedDocument(tenantId, [a]));
    await committedDocument(tenantId, [b]);
    takeStoreMetrics();
    const first = await byRecord(tenantId, a, { limit: 2 });
    expect(takeStoreMetrics()).toMatchObject({ roundTrips: 1, byCommand: { QueryCommand: 1 } });
    expect(first?.items.map((d) => d.id)).toEqual([docs[4].id, docs[3].id]);
    const newestFirst = docs.map((d) => d.id).reverse();
    expect(await allPagesOf((cursor) => byRecord(tenantId, a, { limit: 2, cursor }))).toEqual([
      newestFirst.slice(0, 2),
      newestFirst.slice(2, 4),
      newestFirst.slice(4),
    ]);
    expect(await allPagesOf((cursor) => byRecord(tenantId, a, { limit: 5, cursor }))).toEqual([newestFirst]);
    // A cursor of one record's list does not page another's.
    await expect(byRecord(tenantId, b, { limit: 2, cursor: first!.nextCursor! })).rejects.toMatchObject({
      code: 'BAD_CURSOR',
    });
  });

  it("tell a record without documents from a missing one, and another tenant's record is missing", async () => {
    const {
      tenantId,
      companies: [a],
    } = await tenantWithRecords(1);
    expect(await byRecord(tenantId, a, { limit: 10 })).toEqual({ items: [], nextCursor: null });
    expect(
      await byRecord(tenantId, { entity: 'company', id: 'com_01JD0000000000000000000099' }, { limit: 10 }),
    ).toBeUndefined();
    expect(await byRecord(freshTenant(), a, { limit: 10 })).toBeUndefined();
  });
});

describe('document lists on the overloaded indexes', () => {
  it('list all, by owner and by content type, by created or updated time, within a date range', async () => {
    const tenantId = freshTenant();
    const docs: Document[] = [];
    for (let i = 0; i < 3; i++) docs.push(await committedDocument(tenantId));
    const owned = {
      ...docs[1],
      ownerId: 'usr_01JD00000000000000000000CC',
      contentType: 'image/png',
      version: docs[1].version + 1,
      updatedAt: new Date(Date.now() + 5000).toISOString(),
    };
    expect(await store.saveDocument(owned, docs[1].version, { added: [], removed: [] }, ACTOR, [])).toBe('saved');
    const ids = (p: { items: Document[] }) => p.items.map((d) => d.id);
    const page = { limit: 10 };
    expect(ids(await listDocuments(tenantId, { by: 'all', sort: 'created', order: 'desc' }, page))).toEqual([
      docs[2].id,
      docs[1].id,
      docs[0].id,
    ]);
    expect(ids(await listDocuments(tenantId, { by: 'all', sort: 'updated', order: 'desc' }, page))[0]).toBe(docs[1].id);
    expect(
      ids(await listDocuments(tenantId, { by: 'owner', value: USER, sort: 'created', order: 'asc' }, page)),
    ).toEqual([docs[0].id, docs[2].id]);
    expect(
      ids(await listDocuments(tenantId, { by: 'owner', value: owned.ownerId, sort: 'created', order: 'asc' }, page)),
    ).toEqual([docs[1].id]);
    expect(
      ids(
        await listDocuments(tenantId, { by: 'contentType', value: 'image/png', sort: 'updated', order: 'desc' }, page),
      ),
    ).toEqual([docs[1].id]);
    expect(
      ids(
        await listDocuments(
          tenantId,
          { by: 'all', sort: 'created', order: 'asc', from: docs[1].createdAt, to: docs[2].createdAt },
          page,
        ),
      ),
    ).toEqual([docs[1].id, docs[2].id]);
    expect(ids(await listDocuments(freshTenant(), { by: 'all', sort: 'created', order: 'asc' }, page))).toEqual([]);
  });
});
