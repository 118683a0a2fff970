import { describe, expect, it } from 'vitest';
import { call, newTenant, type TestTenant } from '../api-client';
import {
  create,
  deleteRecord,
  expectProblem,
  expectValidation,
  getRecord,
  ids,
  listAll,
  listRecords,
  patchRecord,
  recordItems,
  tenantState,
  timeline,
} from './helpers';
import { expectStatus } from '#test/support/http-client';

const sub = (t: TestTenant, path: string) => listAll(t, path);
/** The deal card: the deal with its contacts, company and first documents, asked for with ?include=card. */
const dealCard = (t: TestTenant, id: string) => call('GET', `/v1/deals/${id}?include=card`, { key: t.ownerKey });

/** Stored items anywhere in the tenant, other than timeline history, that still mention `id` (links, list-index keys, record fields). */
async function danglingRefs(t: TestTenant, id: string) {
  const state = await tenantState(t.id);
  // History is not a link: timeline entries and outbox events (dated snapshots, kept 30 days) name it on purpose.
  return state.filter((i) => !/^(TL|OUT)#/.test(String(i.sk)) && JSON.stringify(i).includes(id));
}

describe('links between records', () => {
  it('links a contact to a company and lists it under the company', async () => {
    const t = await newTenant();
    const acme = await create(t, 'company', { name: 'Acme' });
    const c1 = await create(t, 'contact', { firstName: 'One', companyId: acme.id });
    const c2 = await create(t, 'contact', { firstName: 'Two' });
    expect(c1.companyId).toBe(acme.id);
    const linked = await patchRecord(t, 'contact', c2.id, { companyId: acme.id });
    expectStatus(linked, 200);
    expect(linked.body.companyId).toBe(acme.id);
    expect(ids(await sub(t, `/v1/companies/${acme.id}/contacts`)).sort()).toEqual([c1.id, c2.id].sort());
    expect(await sub(t, `/v1/companies/${acme.id}/deals`)).toEqual([]);
  });

  it("keeps a back-link in the company's own partition for each contact and deal linked to it, removed with the link", async () => {
    // Read consistently by the sub-lists and the delete cascade: no index to wait for on AWS.
    const t = await newTenant();
    const acme = await create(t, 'company', { name: 'Acme' });
    const contact = await create(t, 'contact', { firstName: 'Linked', companyId: acme.id });
    const deal = await create(t, 'deal', { title: 'Linked deal', companyId: acme.id });
    const links = async () =>
      (await recordItems(t.id, 'company', acme.id))
        .filter((i) => String(i.sk).startsWith('LINK#'))
        .map((i) => i.sk)
        .sort();
    expect(await links()).toEqual([`LINK#contact#${contact.id}`, `LINK#deal#${deal.id}`].sort());
    const unlinked = await patchRecord(t, 'contact', contact.id, { companyId: null });
    expectStatus(unlinked, 200);
    expect(await links()).toEqual([`LINK#deal#${deal.id}`]);
  });

  it('moves a contact from one company to another and unlinks it with null', async () => {
    const t = await newTenant();
    const a = await create(t, 'company', { name: 'A' });
    const b = await create(t, 'company', { name: 'B' });
    const c = await create(t, 'contact', { firstName: 'Mover', companyId: a.id });
    expectStatus(await patchRecord(t, 'contact', c.id, { companyId: b.id }), 200);
    expect(await sub(t, `/v1/companies/${a.id}/contacts`)).toEqual([]);
    expect(ids(await sub(t, `/v1/companies/${b.id}/contacts`))).toEqual([c.id]);
    const unlinked = await patchRecord(t, 'contact', c.id, { companyId: null });
    expectStatus(unlinked, 200);
    expect(unlinked.body.companyId ?? null).toBeNull();
    expect(await sub(t, `/v1/companies/${b.id}/contacts`)).toEqual([]);
  });

  it('shows the deal card with its contacts and company, and lists the deal under both', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Cardco', taxId: 'GB999' });
    const ada = await create(t, 'contact', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: ['ada@cardco.example'],
      phones: ['+442079460958'],
      position: 'CEO',
    });
    const bob = await create(t, 'contact', { firstName: 'Bob', lastName: 'Byte', emails: ['bob@cardco.example'] });
    const deal = await create(t, 'deal', { title: 'Card deal', companyId: company.id, contactIds: [ada.id, bob.id] });
    expect(deal).toMatchObject({ companyId: company.id, contactIds: [ada.id, bob.id] });
    const card = await dealCard(t, deal.id);
    expectStatus(card, 200);
    expect(card.body).toMatchObject({
      id: deal.id,
      title: 'Card deal',
      companyId: company.id,
      contactIds: [ada.id, bob.id],
      version: 1,
    });
    expect(card.body.company).toEqual({ id: company.id, name: 'Cardco', taxId: 'GB999' });
    expect(card.body.contacts).toEqual([
      { id: ada.id, firstName: 'Ada', lastName: 'Lovelace', emails: ['ada@cardco.example'] },
      { id: bob.id, firstName: 'Bob', lastName: 'Byte', emails: ['bob@cardco.example'] },
    ]);
    expect(ids(await sub(t, `/v1/companies/${company.id}/deals`))).toEqual([deal.id]);
    expect(ids(await sub(t, `/v1/contacts/${ada.id}/deals`))).toEqual([deal.id]);
    expect(ids(await sub(t, `/v1/contacts/${bob.id}/deals`))).toEqual([deal.id]);
  });

  it('answers GET /v1/deals/{id} with the Deal that PATCH answers, and the card members only with ?include=card', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Shape Ltd' });
    const contact = await create(t, 'contact', { firstName: 'Sam', lastName: 'Shape' });
    const deal = await create(t, 'deal', { title: 'One shape', companyId: company.id, contactIds: [contact.id] });
    const plain = expectStatus(await getRecord(t, 'deal', deal.id), 200);
    const patched = expectStatus(await patchRecord(t, 'deal', deal.id, { title: 'One shape' }), 200);
    expect(Object.keys(plain.body).sort()).toEqual(Object.keys(patched.body).sort());
    for (const member of ['contacts', 'company', 'documents']) expect(plain.body).not.toHaveProperty(member);
    const card = expectStatus(await dealCard(t, deal.id), 200);
    expect(card.headers.get('etag')).toBe(patched.headers.get('etag'));
    expect(card.body).toMatchObject({
      ...patched.body,
      company: { id: company.id, name: 'Shape Ltd', taxId: null },
      contacts: [{ id: contact.id, firstName: 'Sam', lastName: 'Shape', emails: null }],
      documents: { items: [], nextCursor: null },
    });
    expectValidation(
      await call('GET', `/v1/deals/${deal.id}?include=everything`, { key: t.ownerKey }),
      'query.include',
    );
  });

  it('shows the current name of a linked company and contact on the deal card', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Before' });
    const contact = await create(t, 'contact', { firstName: 'Old', lastName: 'Name', emails: ['x@y.example'] });
    const deal = await create(t, 'deal', { title: 'Fresh card', companyId: company.id, contactIds: [contact.id] });
    await patchRecord(t, 'company', company.id, { name: 'After' });
    await patchRecord(t, 'contact', contact.id, { firstName: 'New' });
    const card = (await dealCard(t, deal.id)).body;
    expect(card.company.name).toBe('After');
    expect(card.contacts[0].firstName).toBe('New');
  });

  it('updates contact links of a deal and the contact deal lists with them', async () => {
    const t = await newTenant();
    const [a, b, c] = [
      await create(t, 'contact', { firstName: 'A' }),
      await create(t, 'contact', { firstName: 'B' }),
      await create(t, 'contact', { firstName: 'C' }),
    ];
    const deal = await create(t, 'deal', { title: 'Relinked', contactIds: [a.id, b.id] });
    const res = await patchRecord(t, 'deal', deal.id, { contactIds: [b.id, c.id] });
    expectStatus(res, 200);
    expect(res.body.contactIds).toEqual([b.id, c.id]);
    expect(await sub(t, `/v1/contacts/${a.id}/deals`)).toEqual([]);
    expect(ids(await sub(t, `/v1/contacts/${b.id}/deals`))).toEqual([deal.id]);
    expect(ids(await sub(t, `/v1/contacts/${c.id}/deals`))).toEqual([deal.id]);
    expect(ids((await dealCard(t, deal.id)).body.contacts)).toEqual([b.id, c.id]);
  });

  it('pages through sub-lists with a cursor', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Big' });
    const made: string[] = [];
    for (let i = 0; i < 3; i++)
      made.push((await create(t, 'contact', { firstName: `C${i}`, companyId: company.id })).id);
    const first = await call('GET', `/v1/companies/${company.id}/contacts?limit=2`, { key: t.ownerKey });
    expectStatus(first, 200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await call(
      'GET',
      `/v1/companies/${company.id}/contacts?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      { key: t.ownerKey },
    );
    expectStatus(second, 200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...ids(first.body.items), ...ids(second.body.items)].sort()).toEqual(made.sort());
    const other = await create(t, 'company', { name: 'Other' });
    expectProblem(
      await call(
        'GET',
        `/v1/companies/${other.id}/contacts?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        { key: t.ownerKey },
      ),
      400,
    );
  });

  it('answers 404 for the sub-lists of a record that does not exist', async () => {
    const t = await newTenant();
    expectProblem(await call('GET', '/v1/companies/com_01JAAAAAAAAAAAAAAAAAAAAAAA/contacts', { key: t.ownerKey }), 404);
    expectProblem(await call('GET', '/v1/companies/com_01JAAAAAAAAAAAAAAAAAAAAAAA/deals', { key: t.ownerKey }), 404);
    expectProblem(await call('GET', '/v1/contacts/con_01JAAAAAAAAAAAAAAAAAAAAAAA/deals', { key: t.ownerKey }), 404);
  });
});

describe('links to records that do not exist or belong to another tenant', () => {
  it('refuses a contact linked to a missing company and writes nothing', async () => {
    const t = await newTenant();
    const before = await tenantState(t.id);
    const res = await call('POST', '/v1/contacts', {
      key: t.ownerKey,
      body: { firstName: 'Orphan', companyId: 'com_01JAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expectValidation(res, 'body.companyId');
    expect(await tenantState(t.id)).toEqual(before);
    expect(await listAll(t, '/v1/contacts')).toEqual([]);
  });

  it("refuses a contact or deal linked to another tenant's company and writes nothing in either tenant", async () => {
    const a = await newTenant('Owner of company');
    const b = await newTenant('Intruder');
    const aCompany = await create(a, 'company', { name: 'A Corp' });
    const aBefore = await tenantState(a.id);
    const bBefore = await tenantState(b.id);
    expectValidation(
      await call('POST', '/v1/contacts', { key: b.ownerKey, body: { firstName: 'Spy', companyId: aCompany.id } }),
      'body.companyId',
    );
    expectValidation(
      await call('POST', '/v1/deals', { key: b.ownerKey, body: { title: 'Spy deal', companyId: aCompany.id } }),
      'body.companyId',
    );
    const bContact = await create(b, 'contact', { firstName: 'Local' });
    const bMid = await tenantState(b.id);
    expectValidation(await patchRecord(b, 'contact', bContact.id, { companyId: aCompany.id }), 'body.companyId');
    expect(await tenantState(b.id)).toEqual(bMid);
    expect(bBefore.length).toBeLessThan(bMid.length);
    expect(await tenantState(a.id)).toEqual(aBefore);
    expect(await sub(a, `/v1/companies/${aCompany.id}/contacts`)).toEqual([]);
    expect(await sub(a, `/v1/companies/${aCompany.id}/deals`)).toEqual([]);
    expect((await getRecord(b, 'contact', bContact.id)).body).toEqual(bContact);
  });

  it("refuses a deal linked to a missing or another tenant's contact, naming the bad position, and writes nothing", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const aContact = await create(a, 'contact', { firstName: 'A person' });
    const bContact = await create(b, 'contact', { firstName: 'B person' });
    const before = await tenantState(b.id);
    expectValidation(
      await call('POST', '/v1/deals', { key: b.ownerKey, body: { title: 'x', contactIds: [aContact.id] } }),
      'body.contactIds.0',
    );
    expectValidation(
      await call('POST', '/v1/deals', {
        key: b.ownerKey,
        body: { title: 'x', contactIds: [bContact.id, 'con_01JAAAAAAAAAAAAAAAAAAAAAAA'] },
      }),
      'body.contactIds.1',
    );
    expect(await tenantState(b.id)).toEqual(before);
    expect(await sub(b, `/v1/contacts/${bContact.id}/deals`)).toEqual([]);
    expect(await sub(a, `/v1/contacts/${aContact.id}/deals`)).toEqual([]);
    expect(await timeline(b, 'contact', bContact.id)).toHaveLength(1);
  });

  it("refuses to add a bad contact to an existing deal and leaves the deal, the contact's deals and both timelines unchanged", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const good = await create(t, 'contact', { firstName: 'Good' });
    const foreign = await create(other, 'contact', { firstName: 'Foreign' });
    const deal = await create(t, 'deal', { title: 'Guarded', contactIds: [good.id] });
    const dealTl = await timeline(t, 'deal', deal.id);
    const contactTl = await timeline(t, 'contact', good.id);
    const contactDeals = await sub(t, `/v1/contacts/${good.id}/deals`);
    const before = await tenantState(t.id);

    expectValidation(
      await patchRecord(t, 'deal', deal.id, { contactIds: [good.id, 'con_01JAAAAAAAAAAAAAAAAAAAAAAA'] }),
      'body.contactIds.1',
    );
    expectValidation(await patchRecord(t, 'deal', deal.id, { contactIds: [foreign.id] }), 'body.contactIds.0');
    expectValidation(
      await patchRecord(t, 'deal', deal.id, { title: 'Renamed too', companyId: 'com_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
      'body.companyId',
    );

    expect(await tenantState(t.id)).toEqual(before);
    const card = await getRecord(t, 'deal', deal.id);
    expect(card.body).toMatchObject({ title: 'Guarded', contactIds: [good.id], version: 1 });
    expect(await timeline(t, 'deal', deal.id)).toEqual(dealTl);
    expect(await timeline(t, 'contact', good.id)).toEqual(contactTl);
    expect(await sub(t, `/v1/contacts/${good.id}/deals`)).toEqual(contactDeals);
    expect(await sub(other, `/v1/contacts/${foreign.id}/deals`)).toEqual([]);
  });

  it('refuses a link to a record of the wrong kind', async () => {
    const t = await newTenant();
    const contact = await create(t, 'contact', { firstName: 'Not a company' });
    const before = await tenantState(t.id);
    expectValidation(
      await call('POST', '/v1/deals', { key: t.ownerKey, body: { title: 'x', companyId: contact.id } }),
      'body.companyId',
    );
    expect(await tenantState(t.id)).toEqual(before);
  });
});

describe('deleting linked records leaves no dangling links', () => {
  it("clears companyId on the company's contacts and deals when the company is deleted", async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Doomed', taxId: 'D1' });
    const survivor = await create(t, 'company', { name: 'Survivor' });
    const c1 = await create(t, 'contact', { firstName: 'C1', companyId: company.id });
    const c2 = await create(t, 'contact', { firstName: 'C2', companyId: survivor.id });
    const deal = await create(t, 'deal', { title: 'Doomed deal', companyId: company.id, contactIds: [c1.id] });

    expectStatus(await deleteRecord(t, 'company', company.id), 204);
    expect((await getRecord(t, 'contact', c1.id)).body.companyId ?? null).toBeNull();
    expect((await getRecord(t, 'contact', c2.id)).body.companyId).toBe(survivor.id);
    const card = (await dealCard(t, deal.id)).body;
    expect(card.companyId ?? null).toBeNull();
    expect(card.company).toBeNull();
    expect(ids(card.contacts)).toEqual([c1.id]);
    expect(await listAll(t, '/v1/contacts', `companyId=${company.id}`)).toEqual([]);
    expect(await listAll(t, '/v1/deals', `companyId=${company.id}`)).toEqual([]);
    expectProblem(await call('GET', `/v1/companies/${company.id}/contacts`, { key: t.ownerKey }), 404);
    expect(await danglingRefs(t, company.id)).toEqual([]);
    expect(
      (await recordItems(t.id, 'company', company.id)).filter(
        (i) => i.sk === 'META' || String(i.sk).startsWith('LINK#'),
      ),
    ).toEqual([]);
    expect(ids(await sub(t, `/v1/companies/${survivor.id}/contacts`))).toEqual([c2.id]);
  });

  it("removes a deleted contact from every deal's contactIds", async () => {
    const t = await newTenant();
    const keep = await create(t, 'contact', { firstName: 'Keep' });
    const gone = await create(t, 'contact', { firstName: 'Gone' });
    const d1 = await create(t, 'deal', { title: 'd1', contactIds: [gone.id, keep.id] });
    const d2 = await create(t, 'deal', { title: 'd2', contactIds: [gone.id] });
    expectStatus(await deleteRecord(t, 'contact', gone.id), 204);
    const card1 = (await dealCard(t, d1.id)).body;
    expect(card1.contactIds).toEqual([keep.id]);
    expect(ids(card1.contacts)).toEqual([keep.id]);
    const card2 = (await dealCard(t, d2.id)).body;
    expect(card2.contactIds ?? []).toEqual([]);
    expect(card2.contacts).toEqual([]);
    expect(ids(await sub(t, `/v1/contacts/${keep.id}/deals`))).toEqual([d1.id]);
    expectProblem(await call('GET', `/v1/contacts/${gone.id}/deals`, { key: t.ownerKey }), 404);
    expect(await danglingRefs(t, gone.id)).toEqual([]);
  });

  it('drops a deleted deal from its contacts and company lists', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Co' });
    const contact = await create(t, 'contact', { firstName: 'P' });
    const deal = await create(t, 'deal', { title: 'Short-lived', companyId: company.id, contactIds: [contact.id] });
    expectStatus(await deleteRecord(t, 'deal', deal.id), 204);
    expect(await sub(t, `/v1/contacts/${contact.id}/deals`)).toEqual([]);
    expect(await sub(t, `/v1/companies/${company.id}/deals`)).toEqual([]);
    expect(await danglingRefs(t, deal.id)).toEqual([]);
    expect((await listRecords(t, 'deal')).body.items).toEqual([]);
  });
});
