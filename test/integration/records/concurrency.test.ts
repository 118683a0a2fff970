import { describe, expect, it } from 'vitest';
import { adminKey, call, newTenant } from '../api-client';
import { create, createField, deleteRecord, getRecord, patchRecord, tenantState, timeline } from './helpers';
import { expectStatus } from '#test/support/http-client';

// Real races through the API: DynamoDB Local refuses the losers' version conditions, the API
// re-reads and re-applies their patches. 412 only ever answers an If-Match.

const statuses = (results: Array<{ status: number }>) => results.map((r) => r.status);
const bodies = (results: Array<{ body: unknown }>) => JSON.stringify(results.map((r) => r.body));

describe('parallel writes without If-Match', () => {
  it('answers 200 to ten parallel PATCHes of one company and keeps every change', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Acme Ltd' });
    const patches = [
      { industry: 'Tools' },
      { website: 'https://acme.example' },
      { taxId: 'ACME-1' },
      { name: 'Acme Group' },
      { registrationNumber: 'HRB 1' },
      { industry: 'Hardware' },
      { website: 'https://acme.test' },
      { taxId: 'ACME-2' },
      { name: 'Acme Holdings' },
      { registrationNumber: 'HRB 2' },
    ];
    const results = await Promise.all(patches.map((p) => patchRecord(t, 'company', company.id, p)));
    expect(statuses(results), bodies(results)).toEqual(Array(10).fill(200));
    const final = (await getRecord(t, 'company', company.id)).body;
    // Every patch changed something, so each made exactly one version and one timeline entry.
    expect(final.version).toBe(11);
    expect(await timeline(t, 'company', company.id)).toHaveLength(11);
    expect(new Set(results.map((r) => r.body.version))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
  });

  it('lands all thirty of thirty parallel PATCHes of different custom fields', async () => {
    const t = await newTenant();
    const names = Array.from({ length: 30 }, (_, i) => `field_${String(i).padStart(2, '0')}`);
    for (const name of names) await createField(t, 'company', { name, label: name, type: 'text' });
    const company = await create(t, 'company', { name: 'Busy Ltd' });
    const results = await Promise.all(
      names.map((name) => patchRecord(t, 'company', company.id, { customFields: { [name]: `value of ${name}` } })),
    );
    expect(statuses(results), bodies(results)).toEqual(Array(30).fill(200));
    const final = (await getRecord(t, 'company', company.id)).body;
    expect(final.version).toBe(31);
    expect(final.customFields).toEqual(Object.fromEntries(names.map((n) => [n, `value of ${n}`])));
  });

  it('makes parallel PATCHes of one field last-writer-wins, all answered 200', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Original' });
    const names = Array.from({ length: 10 }, (_, i) => `Writer ${i}`);
    const results = await Promise.all(names.map((name) => patchRecord(t, 'company', company.id, { name })));
    expect(statuses(results), bodies(results)).toEqual(Array(10).fill(200));
    const final = (await getRecord(t, 'company', company.id)).body;
    expect(names).toContain(final.name);
    // The last writer is the one whose answer carries the final version.
    expect(results.find((r) => r.body.version === final.version)?.body.name).toBe(final.name);
  });
});

describe('parallel deletes', () => {
  it('answers one of five parallel DELETEs of a company 204 and the others 404, unlinking its contacts', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Doomed Ltd' });
    const contacts = await Promise.all(
      [1, 2, 3].map((n) => create(t, 'contact', { lastName: `Staff ${n}`, companyId: company.id })),
    );
    const results = await Promise.all(Array.from({ length: 5 }, () => deleteRecord(t, 'company', company.id)));
    expect(statuses(results).sort(), bodies(results)).toEqual([204, 404, 404, 404, 404]);
    expectStatus(await getRecord(t, 'company', company.id), 404);
    for (const c of contacts) {
      const res = await getRecord(t, 'contact', c.id);
      expectStatus(res, 200);
      expect(res.body.companyId ?? null).toBeNull();
    }
  });

  it('answers one of five parallel DELETEs of a deal 204 and the others 404', async () => {
    const t = await newTenant();
    const deal = await create(t, 'deal', { title: 'Once' });
    const results = await Promise.all(Array.from({ length: 5 }, () => deleteRecord(t, 'deal', deal.id)));
    expect(statuses(results).sort(), bodies(results)).toEqual([204, 404, 404, 404, 404]);
  });

  it('answers a DELETE of a record already deleted 404', async () => {
    const t = await newTenant();
    const lead = await create(t, 'lead', { title: 'Gone' });
    expectStatus(await deleteRecord(t, 'lead', lead.id), 204);
    const again = await deleteRecord(t, 'lead', lead.id);
    expectStatus(again, 404);
  });
});

describe('If-Match still refuses stale writes', () => {
  it('answers 412 to a PATCH with a stale If-Match and leaves the record unchanged', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Steady' });
    const moved = await patchRecord(t, 'company', company.id, { industry: 'Tools' });
    expectStatus(moved, 200);
    const before = await tenantState(t.id);
    const stale = await patchRecord(t, 'company', company.id, { industry: 'Food' }, 1);
    expectStatus(stale, 412);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it('lets exactly one of ten parallel PATCHes with the same If-Match win', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Contested' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => patchRecord(t, 'company', company.id, { industry: `Industry ${i}` }, 1)),
    );
    expect(statuses(results).sort(), bodies(results)).toEqual([200, ...Array(9).fill(412)]);
    expect((await getRecord(t, 'company', company.id)).body.version).toBe(2);
  });
});

describe('parallel tenant changes without If-Match', () => {
  it('answers 200 to every one of ten parallel admin PATCHes of one tenant, each audited', async () => {
    const t = await newTenant();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { seats: 10 + i } }),
      ),
    );
    expect(statuses(results), bodies(results)).toEqual(Array(10).fill(200));
    const final = await call('GET', `/v1/admin/tenants/${t.id}`, { key: adminKey() });
    expect(final.body.version).toBe(11);
    const audit = await call('GET', `/v1/admin/tenants/${t.id}/audit?limit=100`, { key: adminKey() });
    expectStatus(audit, 200);
    expect(audit.body.items).toHaveLength(10);
  });
});
