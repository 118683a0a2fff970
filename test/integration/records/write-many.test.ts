import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#core/ids';
import { outgoingLinks } from '#core/records/compose';
import type { RecordWrite } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';
import { searchTokens } from '#core/records/search-tokens';
import { resetDocumentClient } from '#store/dynamo/client';
import { MAX_TRANSACTION_ITEMS } from '#store/dynamo/transact';
import { recordTransaction } from '#store/records/record-transaction';
import { dynamoRecordsStore as store } from '#store/records/records-store';
import { call, newTenant, type TestTenant } from '../api-client';
import { expectStatus } from '#test/support/http-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { newRecord } from './helpers';
import { systemActor } from '#core/actor';

// What lead conversion will do: contact, company and deal created together, or none of them.

let t: TestTenant;

beforeAll(async () => {
  useLocalRuntimeFromThisProcess();
  t = await newTenant('Converting');
});

afterAll(() => resetDocumentClient());

/** The user the records below are made by. */
const BY = 'conv';

/** A create as the records core computes it: its search items, link checks and back-links. */
function creation(record: CrmRecord): RecordWrite {
  const links = outgoingLinks(record);
  return {
    record,
    timeline: [
      {
        id: newId('evt'),
        at: record.createdAt,
        actor: systemActor('conversion', 'cnv_test'),
        type: 'created',
        changes: [],
      },
    ],
    searchAdd: searchTokens(record),
    searchRemove: [],
    linkChecks: links.checks,
    linksAdd: links.backLinks,
    linksRemove: [],
    events: [],
  };
}

const get = async (path: string) => {
  const res = await call('GET', path, { key: t.ownerKey });
  expectStatus(res, 200);
  return res.body;
};

describe('records store: several records in one transaction', () => {
  it('creates a company, a contact and a deal linking both at once, with back-links and system timeline entries', async () => {
    const company = newRecord('company', { name: 'Converted GmbH' }, BY);
    const contact = newRecord('contact', { lastName: 'Lovelace', companyId: company.id }, BY);
    const pipeline = (await get('/v1/pipelines')).items.find((p: { entity: string }) => p.entity === 'deal');
    const deal = newRecord(
      'deal',
      {
        title: 'First order',
        companyId: company.id,
        contactIds: [contact.id],
        pipelineId: pipeline.id,
        stageId: pipeline.stages[0].id,
      },
      BY,
    );

    await store.writeMany(t.id, [creation(company), creation(contact), creation(deal)]);

    expect((await get(`/v1/deals/${deal.id}?include=card`)).contacts.map((c: { id: string }) => c.id)).toEqual([
      contact.id,
    ]);
    expect((await get(`/v1/companies/${company.id}/contacts`)).items.map((c: { id: string }) => c.id)).toEqual([
      contact.id,
    ]);
    expect((await get(`/v1/companies/${company.id}/deals`)).items.map((d: { id: string }) => d.id)).toEqual([deal.id]);
    expect((await get(`/v1/contacts/${contact.id}/deals`)).items.map((d: { id: string }) => d.id)).toEqual([deal.id]);
    expect((await get(`/v1/contacts?q=lovel`)).items.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    expect((await get(`/v1/deals/${deal.id}/timeline`)).items[0].actor).toEqual({
      kind: 'system',
      name: 'conversion',
      ref: 'cnv_test',
    });
  });

  it('writes none of them when one link points at a record that does not exist', async () => {
    const company = newRecord('company', { name: 'Never GmbH' }, BY);
    const deal = newRecord(
      'deal',
      {
        title: 'Never',
        companyId: company.id,
        contactIds: ['con_01JAAAAAAAAAAAAAAAAAAAAAAA'],
      },
      BY,
    );

    await expect(store.writeMany(t.id, [creation(company), creation(deal)])).rejects.toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'contactIds.0', message: 'No contact with id con_01JAAAAAAAAAAAAAAAAAAAAAAA.' }],
    });

    expect((await call('GET', `/v1/companies/${company.id}`, { key: t.ownerKey })).status).toBe(404);
    expect((await call('GET', `/v1/deals/${deal.id}`, { key: t.ownerKey })).status).toBe(404);
  });

  it('refuses a set of changes larger than one transaction before writing any of them', async () => {
    const company = (i: number) => newRecord('company', { name: `Bulk ${i} Holdings` }, BY);
    // One company more than one transaction holds, counted from the writes one creation needs.
    const perCompany = recordTransaction(t.id, [creation(company(0))]).items.length;
    const companies = Array.from({ length: Math.floor(MAX_TRANSACTION_ITEMS / perCompany) + 1 }, (_, i) => company(i));
    await expect(store.writeMany(t.id, companies.map(creation))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await call('GET', `/v1/companies/${companies[0].id}`, { key: t.ownerKey })).status).toBe(404);
  });
});
