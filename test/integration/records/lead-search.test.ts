import { describe, expect, it } from 'vitest';
import { expectStatus, newTenant } from '../api-client';
import { create, expectValidation, ids, listRecords, patchRecord } from './helpers';

// A lead is often known by its company before its person, and sales teams work leads by where they
// came from: `q` matches a lead's companyName, and `source` is a list filter.

const list = async (key: string, query: string) =>
  ids(expectStatus(await listRecords(key, 'lead', query), 200).body.items);

describe('lead search and source', () => {
  it("finds a lead by its company's name, whole or by a later word, by prefix", async () => {
    const t = await newTenant('Lead search');
    const lead = await create(t.ownerKey, 'lead', {
      title: 'Wants a demo',
      name: 'Ann Lee',
      companyName: 'Northwind Traders',
    });
    await create(t.ownerKey, 'lead', { title: 'Other', name: 'Bob Roe', companyName: 'Contoso' });
    expect(await list(t.ownerKey, 'q=northwind')).toEqual([lead.id]);
    expect(await list(t.ownerKey, 'q=Trad')).toEqual([lead.id]);
    // A changed company name is found by the new name only.
    expectStatus(await patchRecord(t.ownerKey, 'lead', lead.id, { companyName: 'Fabrikam' }), 200);
    expect(await list(t.ownerKey, 'q=northwind')).toEqual([]);
    expect(await list(t.ownerKey, 'q=fabrik')).toEqual([lead.id]);
  });

  it('lists leads by source, exactly and case-insensitively, following changes, alone or with a time range', async () => {
    const t = await newTenant('Lead source');
    const web = await create(t.ownerKey, 'lead', { title: 'A', source: 'Web' });
    const web2 = await create(t.ownerKey, 'lead', { title: 'B', source: 'web' });
    const partner = await create(t.ownerKey, 'lead', { title: 'C', source: 'partner' });
    await create(t.ownerKey, 'lead', { title: 'D' });
    expect(await list(t.ownerKey, 'source=web')).toEqual([web2.id, web.id]);
    expect(await list(t.ownerKey, 'source=WEB&order=asc')).toEqual([web.id, web2.id]);
    expect(await list(t.ownerKey, 'source=we')).toEqual([]);
    expect(await list(t.ownerKey, `source=partner&createdFrom=${encodeURIComponent(partner.createdAt)}`)).toEqual([
      partner.id,
    ]);
    expectStatus(await patchRecord(t.ownerKey, 'lead', web.id, { source: 'partner' }), 200);
    expectStatus(await patchRecord(t.ownerKey, 'lead', web2.id, { source: null }), 200);
    expect(await list(t.ownerKey, 'source=web')).toEqual([]);
    expect(await list(t.ownerKey, 'source=partner')).toEqual([partner.id, web.id]);
  });

  it('refuses source with another filter, an empty source, and source on other entities', async () => {
    const t = await newTenant('Lead source refusals');
    expectValidation(await listRecords(t.ownerKey, 'lead', 'source=web&q=ann'), 'query.source', 'query.q');
    expectValidation(await listRecords(t.ownerKey, 'lead', 'source='), 'query.source');
    expectValidation(await listRecords(t.ownerKey, 'lead', `source=${'x'.repeat(101)}`), 'query.source');
    expectStatus(await listRecords(t.ownerKey, 'contact', 'source=web'), 400);
    expectStatus(await listRecords(t.ownerKey, 'deal', 'source=web'), 400);
  });
});
