import { describe, expect, it } from 'vitest';
import { MAX_LINKS } from '#core/documents/document';
import { reservationRule } from '#core/quota/reservation';
import { EMPTY_USAGE, releaseDelta, reserveDelta } from '#core/quota/usage';
import { byRecord } from '#store/documents/document-lists';
import { dynamoDocumentsStore as store } from '#store/documents/documents-store';
import { reservationKey } from '#store/documents/items';
import { documentClient } from '#store/dynamo/client';
import { documentPk, recordPk } from '#store/dynamo/keys';
import { MAX_TRANSACTION_ITEMS } from '#store/dynamo/transact';
import { dynamoUsageStore as usage } from '#store/quota/usage-store';
import { injectDynamoFaults } from '../dynamo-faults';
import { committedDocument } from './committed';
import { ACTOR, freshTenant, partition, pendingUpload, tenantWithRecords, timeline, useLocalStores } from './world';

useLocalStores();

describe('a document linked to the most records allowed', () => {
  it('commits its copies on all 50 records in the transaction and their timeline entries just after', async () => {
    const { tenantId, companies } = await tenantWithRecords(MAX_LINKS);
    const links = companies;
    const doc = await committedDocument(tenantId, links);
    for (const l of links) {
      expect((await byRecord(tenantId, l, { limit: 1 }))?.items.map((d) => d.id)).toEqual([doc.id]);
      expect((await timeline(recordPk(tenantId, l.entity, l.id))).map((e) => e.type)).toContain('document_added');
    }
    expect((await timeline(documentPk(tenantId, doc.id))).map((e) => e.type)).toEqual(['created']);

    const renamed = { ...doc, name: 'renamed.pdf', version: doc.version + 1 };
    expect(await store.saveDocument(renamed, doc.version, { added: [], removed: [] }, ACTOR, [])).toBe('saved');
    for (const l of links)
      expect((await timeline(recordPk(tenantId, l.entity, l.id))).map((e) => e.type)).toContain('document_updated');

    // Linking 50 records in one patch (50 checks, 50 copies, the document: 101 items) still works.
    const unlinked = { ...renamed, links: [], version: renamed.version + 1 };
    expect(await store.saveDocument(unlinked, renamed.version, { added: [], removed: links }, ACTOR, [])).toBe('saved');
    const ghost = { entity: 'company' as const, id: 'com_01JD0000000000000000000099' };
    const withGhost = { ...unlinked, links: [...links.slice(1), ghost], version: unlinked.version + 1 };
    expect(
      await store.saveDocument(withGhost, unlinked.version, { added: withGhost.links, removed: [] }, ACTOR, []),
    ).toEqual({ missingLinks: [ghost], missingUsers: [] });
    const relinked = { ...unlinked, links, version: unlinked.version + 1 };
    expect(await store.saveDocument(relinked, unlinked.version, { added: links, removed: [] }, ACTOR, [])).toBe(
      'saved',
    );
    for (const l of links)
      expect((await byRecord(tenantId, l, { limit: 1 }))?.items[0]).toMatchObject({
        id: doc.id,
        version: relinked.version,
      });
  }, 60_000);

  it('refuses one change that would need more than 100 writes to commit together', async () => {
    const { tenantId, companies } = await tenantWithRecords(MAX_LINKS * 2);
    const [olds, news] = [companies.slice(0, MAX_LINKS), companies.slice(MAX_LINKS)];
    const doc = await committedDocument(tenantId, olds);
    const swapped = { ...doc, links: news, version: doc.version + 1 };
    // Copies to write, copies to delete and the document: items that must commit together, one too many.
    expect(news.length + olds.length + 1).toBeGreaterThan(MAX_TRANSACTION_ITEMS);
    await expect(
      store.saveDocument(swapped, doc.version, { added: news, removed: olds }, ACTOR, []),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('fewer links'),
    });
    expect(await store.getDocument(tenantId, doc.id)).toEqual(doc);
  }, 60_000);
});

describe('transaction conflicts (AWS cancels concurrent transactions; injected here)', () => {
  it('retries a reservation that lost to a concurrent transaction, and applies it once', async () => {
    const faults = injectDynamoFaults(documentClient());
    try {
      const tenantId = freshTenant();
      const u = pendingUpload(tenantId, { size: 10 });
      faults.fail('TransactWriteItemsCommand', 'TransactionConflict', 'TransactionConflict');
      faults.resetCounts();
      expect(await store.reserveUpload(u, reservationRule(1000, 10), reserveDelta(10))).toEqual({ ok: true });
      expect(faults.sent('TransactWriteItemsCommand')).toBe(3);
      expect(await usage.read(tenantId)).toEqual({ ...EMPTY_USAGE, reservedBytes: 10, committedPlusReserved: 10 });

      faults.failAlways('TransactWriteItemsCommand', 'TransactionConflict');
      const release = {
        upload: u,
        status: 'expired' as const,
        reason: 'test',
        settledAt: new Date().toISOString(),
        delta: releaseDelta(10),
      };
      await expect(store.releaseUpload(release)).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        headers: { 'retry-after': '1' },
      });
      faults.clear();
      expect(await store.getUpload(tenantId, u.id)).toMatchObject({ status: 'pending' });
      expect(await partition(reservationKey(u).pk)).toContain(reservationKey(u).sk);
      expect(await store.releaseUpload(release)).toBe(true);
    } finally {
      faults.clear();
    }
  }, 30_000);
});
