import { describe, expect, it } from 'vitest';
import { withVersion, type Document } from '#core/documents/document';
import type { Upload } from '#core/documents/upload';
import { EMPTY_USAGE } from '#core/quota/usage';
import { byRecord } from '#store/documents/document-lists';
import { dynamoDocumentsStore as store } from '#store/documents/documents-store';
import { reservationKey } from '#store/documents/items';
import { documentPk, recordPk } from '#store/dynamo/keys';
import { usageFacts } from '#store/quota/usage-facts';
import { dynamoUsageStore as usage } from '#store/quota/usage-store';
import { call } from '../api-client';
import { partition, pendingUpload, tenantWithRecords, timeline, USER, useLocalStores } from './world';
import { commit, commitNew, reserved, versionOf } from './committed';

useLocalStores();

const commitVersion = (u: Upload, existing: Document, expected = existing.version) => {
  const version = versionOf(u, existing.currentVersion + 1);
  return commit(u, version, withVersion(existing, version), expected);
};

describe('committing an upload', () => {
  it("creates the document, its version, each record's copy and the timelines, and moves the bytes to used", async () => {
    const { tenantId, companies } = await tenantWithRecords(2);
    const u = await reserved(pendingUpload(tenantId, { size: 300, links: companies }));
    const { outcome, document } = commitNew(u);
    expect(await outcome).toBe('committed');
    expect(await store.getDocument(tenantId, u.documentId)).toEqual(document);
    expect(await store.listVersions(tenantId, u.documentId)).toEqual([
      expect.objectContaining({ number: 1, size: 300, objectKey: u.objectKey }),
    ]);
    expect(await store.getUpload(tenantId, u.id)).toMatchObject({ status: 'completed', versionNumber: 1 });
    expect(await usage.read(tenantId)).toEqual({
      ...EMPTY_USAGE,
      usedBytes: 300,
      committedPlusReserved: 300,
      documents: 1,
      byUser: { [USER]: 300 },
    });
    expect(await partition(reservationKey(u).pk)).not.toContain(reservationKey(u).sk);
    for (const c of companies) {
      expect((await byRecord(tenantId, c, { limit: 10 }))?.items).toEqual([document]);
      expect(await timeline(recordPk(tenantId, c.entity, c.id))).toContainEqual(
        expect.objectContaining({
          type: 'document_added',
          actor: { kind: 'system', name: 'upload-finaliser', ref: u.id },
        }),
      );
    }
    expect(await timeline(documentPk(tenantId, u.documentId))).toEqual([expect.objectContaining({ type: 'created' })]);
    expect(await usageFacts(tenantId)).toEqual({
      versions: [{ size: 300, by: USER }],
      documents: 1,
      pendingReservations: [],
    });
  });

  it('commits once: the second path to settle the same upload finds it not pending', async () => {
    const { tenantId } = await tenantWithRecords(0);
    const u = await reserved(pendingUpload(tenantId));
    const [a, b] = await Promise.all([commitNew(u).outcome, commitNew(u).outcome]);
    expect([a, b].sort()).toEqual(['committed', 'not-pending']);
    expect(await usage.read(tenantId)).toMatchObject({ usedBytes: 5, reservedBytes: 0, documents: 1 });
  });

  it('refuses a version computed from a document that changed since', async () => {
    const { tenantId } = await tenantWithRecords(0);
    const first = await reserved(pendingUpload(tenantId));
    expect(await commitNew(first).outcome).toBe('committed');
    const stored = (await store.getDocument(tenantId, first.documentId))!;
    const second = await reserved(pendingUpload(tenantId, { kind: 'version', documentId: first.documentId, size: 9 }));
    expect(await commitVersion(second, stored, stored.version - 1).outcome).toBe('document-changed');
    expect(await store.getUpload(tenantId, second.id)).toMatchObject({ status: 'pending' });
    const { outcome, document: next } = commitVersion(second, stored);
    expect(await outcome).toBe('committed');
    expect(next).toMatchObject({ currentVersion: 2, versionCount: 2, size: 9 });
    expect((await store.listVersions(tenantId, first.documentId)).map((v) => v.number)).toEqual([1, 2]);
    expect(await store.getVersion(tenantId, first.documentId, 2)).toMatchObject({ size: 9 });
    expect(await timeline(documentPk(tenantId, first.documentId))).toContainEqual(
      expect.objectContaining({ type: 'version_added' }),
    );
  });

  it('names a linked record deleted between reservation and commit, and writes nothing', async () => {
    const { tenantId, ownerKey, companies } = await tenantWithRecords(2);
    const u = await reserved(pendingUpload(tenantId, { links: companies }));
    expect((await call('DELETE', `/v1/companies/${companies[1].id}`, { key: ownerKey })).status).toBe(204);
    expect(await commitNew(u).outcome).toEqual({ missingLinks: [companies[1]] });
    expect(await store.getDocument(tenantId, u.documentId)).toBeUndefined();
    expect(await store.getUpload(tenantId, u.id)).toMatchObject({ status: 'pending' });
    expect(await commitNew(u, [companies[0]]).outcome).toBe('committed');
    expect((await byRecord(tenantId, companies[0], { limit: 10 }))?.items.map((d) => d.id)).toEqual([u.documentId]);
  });
});
