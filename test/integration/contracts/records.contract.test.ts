// The records store port as the records core relies on it (optimistic versions, the deletion mark,
// link checks, all-or-nothing batches, back-link pages), run against the in-memory fake and the
// DynamoDB store alike: a fake that drifts from the store fails here.
import { describe, expect, it } from 'vitest';
import { newId } from '#core/ids';
import { systemActor } from '#core/actor';
import { tombstone } from '#core/records/events';
import { outgoingLinks } from '#core/records/compose';
import type { RecordsStore, RecordWrite } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';
import { searchTokens } from '#core/records/search-tokens';
import { dynamoRecordsStore } from '#store/records/records-store';
import { memoryRecordsStore } from '../../unit/core/fakes/memory-records-store';
import { freshTenant, useLocalStores } from '../documents-store/world';
import { newRecord } from '../records/helpers';

useLocalStores();

const subjects: Array<[string, () => RecordsStore]> = [
  ['memory', () => memoryRecordsStore().store],
  ['dynamo', () => dynamoRecordsStore],
];

/** A change as the records core computes it: search items, link checks and back-links. */
function change(record: CrmRecord, expectedVersion?: number): RecordWrite {
  const links = outgoingLinks(record);
  return {
    record,
    expectedVersion,
    timeline: [],
    searchAdd: expectedVersion === undefined ? searchTokens(record) : [],
    searchRemove: [],
    linkChecks: links.checks,
    linksAdd: expectedVersion === undefined ? links.backLinks : [],
    linksRemove: [],
    events: [],
  };
}

/** The tombstone a delete commits. */
const gone = (r: CrmRecord) => tombstone(r, systemActor('test'), new Date().toISOString());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string; errors?: unknown }) => ({ code: e.code, errors: e.errors }),
  );

describe.each(subjects)('records store (%s)', (_name, subject) => {
  it('reads unknown ids and another tenant’s records as absent', async () => {
    const store = subject();
    const tenantId = freshTenant();
    const company = newRecord('company', { name: 'Acme' });
    await store.write(tenantId, change(company));
    expect(await store.get(tenantId, 'company', company.id)).toEqual(company);
    expect(await store.get(freshTenant(), 'company', company.id)).toBeUndefined();
    expect(await store.get(tenantId, 'company', newId('com'))).toBeUndefined();
    expect(await store.getMany(freshTenant(), [company])).toEqual([]);
    expect(await store.getMany(tenantId, [company, { entity: 'company', id: newId('com') }])).toEqual([company]);
  });

  it('refuses a create on an id that exists, and a write on a version that moved on', async () => {
    const store = subject();
    const tenantId = freshTenant();
    const company = newRecord('company', { name: 'Acme' });
    await store.write(tenantId, change(company));
    expect(await failure(store.write(tenantId, change({ ...company, fields: { name: 'Twin' } })))).toMatchObject({
      code: 'CONFLICT',
    });
    const v2 = { ...company, version: 2, fields: { name: 'Acme 2' } };
    await store.write(tenantId, change(v2, 1));
    // The same write again: its version is gone, so the repeat is a conflict, not a second write.
    expect(await failure(store.write(tenantId, change(v2, 1)))).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await store.get(tenantId, 'company', company.id)).toEqual(v2);
  });

  it('names the linked records that are missing or being deleted, and writes nothing', async () => {
    const store = subject();
    const tenantId = freshTenant();
    const company = newRecord('company', { name: 'Acme' });
    await store.write(tenantId, change(company));
    const elsewhere = newRecord('company', { name: 'Other tenant' });
    await store.write(freshTenant(), change(elsewhere));
    const contact = newRecord('contact', { lastName: 'Lovelace', companyId: elsewhere.id });
    expect(await failure(store.write(tenantId, change(contact)))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'companyId', message: `No company with id ${elsewhere.id}.` }],
    });
    expect(await store.get(tenantId, 'contact', contact.id)).toBeUndefined();
    await store.markDeleting(tenantId, company);
    const late = newRecord('contact', { lastName: 'Late', companyId: company.id });
    expect(await failure(store.write(tenantId, change(late)))).toMatchObject({ code: 'VALIDATION' });
    // A record being deleted takes no more writes either.
    const marked = (await store.get(tenantId, 'company', company.id))!;
    expect(marked.deletingAt).toEqual(expect.any(String));
    expect(await failure(store.write(tenantId, change({ ...marked, version: 2 }, 1)))).toMatchObject({
      code: 'VERSION_CONFLICT',
    });
  });

  it('writes a batch all or nothing; links inside the batch need no existing record', async () => {
    const store = subject();
    const tenantId = freshTenant();
    const company = newRecord('company', { name: 'Converted' });
    const contact = newRecord('contact', { lastName: 'Lovelace', companyId: company.id });
    const stray = newRecord('contact', { lastName: 'Stray', companyId: newId('com') });
    expect(await failure(store.writeMany(tenantId, [change(company), change(contact), change(stray)]))).toMatchObject({
      code: 'VALIDATION',
    });
    expect(await store.getMany(tenantId, [company, contact, stray])).toEqual([]);
    await store.writeMany(tenantId, [change(company), change(contact)]);
    expect(await store.getMany(tenantId, [company, contact])).toHaveLength(2);
  });

  it('marks and removes on the record’s version only', async () => {
    const store = subject();
    const tenantId = freshTenant();
    const company = newRecord('company', { name: 'Acme' });
    await store.write(tenantId, change(company));
    expect(await failure(store.markDeleting(tenantId, { ...company, version: 2 }))).toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await store.markDeleting(tenantId, company);
    expect(await failure(store.remove(tenantId, { ...company, version: 2 }, [], [], gone(company)))).toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await store.remove(tenantId, company, searchTokens(company), [], gone(company));
    expect(await store.get(tenantId, 'company', company.id)).toBeUndefined();
    // Removing again: the record is gone, so the repeat is refused instead of deleting anything.
    expect(await failure(store.remove(tenantId, company, [], [], gone(company)))).toMatchObject({
      code: 'VERSION_CONFLICT',
    });
  });

  it('pages the records linking to one, newest first, continuing from the cursor', async () => {
    const store = subject();
    const tenantId = freshTenant();
    const company = newRecord('company', { name: 'Acme' });
    await store.write(tenantId, change(company));
    const contacts: CrmRecord[] = [];
    for (let i = 0; i < 5; i++) {
      const c = newRecord('contact', { lastName: `C${i}`, companyId: company.id });
      await store.write(tenantId, change(c));
      contacts.push(c);
    }
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.linked(tenantId, company, 'contact', {
        limit: 2,
        scope: 'contract',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(ids).toEqual(contacts.map((c) => c.id).reverse());
    expect((await store.linked(freshTenant(), company, 'contact', { limit: 10, scope: 'contract' })).items).toEqual([]);
  });
});
