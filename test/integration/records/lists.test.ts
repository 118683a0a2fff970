import { describe, expect, it } from 'vitest';
import { call, newTenant, type ApiResponse } from '../api-client';
import {
  create,
  deleteRecord,
  errorPaths,
  expectProblem,
  expectValidation,
  ids,
  listAll,
  listRecords,
  nextMillisecondAfter,
  patchRecord,
  type Entity,
} from './helpers';
import { expectStatus } from '#test/support/http-client';

const enc = encodeURIComponent;

async function createInOrder(key: Parameters<typeof create>[0], entity: Entity, bodies: Record<string, unknown>[]) {
  const out: any[] = [];
  for (const b of bodies) out.push(await create(key, entity, b));
  return out;
}

async function pageIds(key: Parameters<typeof create>[0], entity: Entity, query: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const res = await listRecords(key, entity, `${query}${cursor ? `&cursor=${enc(cursor)}` : ''}`);
    expectStatus(res, 200);
    pages.push(ids(res.body.items));
    cursor = res.body.nextCursor;
    expect(cursor === null || typeof cursor === 'string').toBe(true);
  } while (cursor && pages.length < 10);
  return pages;
}

describe('record lists: paging and sorting', () => {
  it('pages through contacts newest first and ends with a null cursor', async () => {
    const t = await newTenant();
    const c = await createInOrder(
      t,
      'contact',
      [1, 2, 3, 4, 5].map((n) => ({ firstName: `P${n}` })),
    );
    expect(await pageIds(t, 'contact', 'limit=2&sort=created&order=desc')).toEqual([
      [c[4].id, c[3].id],
      [c[2].id, c[1].id],
      [c[0].id],
    ]);
    expect(await pageIds(t, 'contact', 'limit=2&sort=created&order=asc')).toEqual([
      [c[0].id, c[1].id],
      [c[2].id, c[3].id],
      [c[4].id],
    ]);
    const exact = await listRecords(t, 'contact', 'limit=5');
    expect(exact.body.items).toHaveLength(5);
    expect(exact.body.nextCursor).toBeNull();
  });

  it('ends without a trailing empty page when the count is a multiple of the limit, on every kind of list', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Acme' });
    const contact = await create(t, 'contact', { firstName: 'Jo' });
    for (let i = 0; i < 4; i++)
      await create(t, 'deal', { title: `D${i}`, ownerId: 'alice', companyId: company.id, contactIds: [contact.id] });
    const pageSizes = async (path: string) => {
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const res: ApiResponse = await call(
          'GET',
          `${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${enc(cursor)}` : ''}`,
          { key: t.ownerKey },
        );
        expectStatus(res, 200);
        sizes.push(res.body.items.length);
        cursor = res.body.nextCursor;
      } while (cursor && sizes.length < 5);
      return sizes;
    };
    expect(await pageSizes('/v1/deals')).toEqual([2, 2]); // the entity index
    expect(await pageSizes('/v1/deals?ownerId=alice')).toEqual([2, 2]); // another index
    expect(await pageSizes(`/v1/companies/${company.id}/deals`)).toEqual([2, 2]);
    expect(await pageSizes(`/v1/contacts/${contact.id}/deals`)).toEqual([2, 2]); // links on the table
    expect(await pageSizes('/v1/deals?q=d')).toEqual([2, 2]); // search items
    await patchRecord(t, 'company', company.id, { industry: 'x' });
    expect(await pageSizes(`/v1/companies/${company.id}/timeline`)).toEqual([2]); // created, updated
  });

  it('returns full records in lists', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Full', taxId: 'DE1', industry: 'Tea' });
    const res = await listRecords(t, 'company');
    expectStatus(res, 200);
    expect(res.body.items).toEqual([company]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('sorts by last update when asked', async () => {
    const t = await newTenant();
    const [a, b, c] = await createInOrder(t, 'company', [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    await nextMillisecondAfter(c.updatedAt); // a tie with c would be ordered by id, not by the update
    expectStatus(await patchRecord(t, 'company', a.id, { industry: 'Updated' }), 200);
    expect(ids((await listRecords(t, 'company', 'sort=updated&order=desc')).body.items)).toEqual([a.id, c.id, b.id]);
    expect(ids((await listRecords(t, 'company', 'sort=updated&order=asc')).body.items)).toEqual([b.id, c.id, a.id]);
    expect(ids((await listRecords(t, 'company', 'sort=created&order=desc')).body.items)).toEqual([c.id, b.id, a.id]);
  });

  it('defaults to 25 items a page and refuses a limit outside 1..100', async () => {
    const t = await newTenant();
    for (let batch = 0; batch < 3; batch++)
      await Promise.all(Array.from({ length: 9 }, (_, i) => create(t, 'lead', { title: `L${batch}-${i}` })));
    const first = await listRecords(t, 'lead');
    expectStatus(first, 200);
    expect(first.body.items).toHaveLength(25);
    expect(typeof first.body.nextCursor).toBe('string');
    const rest = await listRecords(t, 'lead', `cursor=${enc(first.body.nextCursor)}`);
    expect(rest.body.items).toHaveLength(2);
    expect(new Set([...ids(first.body.items), ...ids(rest.body.items)]).size).toBe(27);
    expect((await listRecords(t, 'lead', 'limit=100')).body.items).toHaveLength(27);
    for (const limit of ['0', '101', 'ten'])
      expectValidation(await listRecords(t, 'lead', `limit=${limit}`), 'query.limit');
    expectValidation(await listRecords(t, 'lead', 'sort=title'));
    expectValidation(await listRecords(t, 'lead', 'order=sideways'));
    expectValidation(await listRecords(t, 'lead', 'colour=red'));
  });
});

describe('record lists: filters', () => {
  it('filters by owner', async () => {
    const t = await newTenant();
    const [alice1, , alice2, mine, unowned] = await createInOrder(t, 'deal', [
      { title: 'a1', ownerId: 'alice' },
      { title: 'b1', ownerId: 'bob' },
      { title: 'a2', ownerId: 'alice' },
      { title: 'mine' },
      { title: 'nobody', ownerId: null },
    ]);
    expect(unowned.ownerId).toBeNull();
    expect(ids(await listAll(t, '/v1/deals', 'ownerId=alice&sort=created&order=asc'))).toEqual([alice1.id, alice2.id]);
    expect(ids(await listAll(t, '/v1/deals', `ownerId=${enc(t.ownerUserId)}`))).toEqual([mine.id]);
    expect(await listAll(t, '/v1/deals', 'ownerId=carol')).toEqual([]);
  });

  it('filters contacts and deals by company', async () => {
    const t = await newTenant();
    const [acme, globex] = await createInOrder(t, 'company', [{ name: 'Acme' }, { name: 'Globex' }]);
    const c1 = await create(t, 'contact', { firstName: 'At', lastName: 'Acme', companyId: acme.id });
    await create(t, 'contact', { firstName: 'At', lastName: 'Globex', companyId: globex.id });
    await create(t, 'contact', { firstName: 'No', lastName: 'Company' });
    const d1 = await create(t, 'deal', { title: 'Acme deal', companyId: acme.id });
    await create(t, 'deal', { title: 'Other deal' });
    expect(ids(await listAll(t, '/v1/contacts', `companyId=${acme.id}`))).toEqual([c1.id]);
    expect(ids(await listAll(t, '/v1/deals', `companyId=${acme.id}`))).toEqual([d1.id]);
    expect(await listAll(t, '/v1/deals', `companyId=${globex.id}`)).toEqual([]);
  });

  it('refuses two filters in one request with 400', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Acme' });
    const deal = await create(t, 'deal', { title: 'x', companyId: company.id });
    for (const q of [
      `ownerId=alice&q=acme`,
      `ownerId=alice&stageId=${deal.stageId}`,
      `companyId=${company.id}&pipelineId=${deal.pipelineId}`,
      `stageId=${deal.stageId}&q=x`,
    ]) {
      const res = await listRecords(t, 'deal', q);
      expectValidation(res);
      // The paths name the parameters as sent (ownerId, not the index dimension "owner").
      expect(errorPaths(res).sort(), q).toEqual(
        q
          .split('&')
          .map((p) => `query.${p.split('=')[0]}`)
          .sort(),
      );
      expect(res.body.items).toBeUndefined();
    }
    expectValidation(await listRecords(t, 'contact', `companyId=${company.id}&q=jo`));
  });

  it('searches by a case-insensitive prefix of the name or any word of it, of an email or of a phone', async () => {
    const t = await newTenant();
    const [ada, grace, adam] = await createInOrder(t, 'contact', [
      { firstName: 'Ada', lastName: 'Lovelace', emails: ['countess@analytical.example'], phones: ['+44 20 7946 0958'] },
      { firstName: 'Grace', lastName: 'Hopper', emails: ['grace@navy.example'], phones: ['+1 415 555 2671'] },
      { firstName: 'Adam', lastName: 'Smith', emails: ['wealth@nations.example'] },
    ]);
    const q = async (term: string) => ids(await listAll(t, '/v1/contacts', `q=${enc(term)}`)).sort();
    expect(await q('ada')).toEqual([ada.id, adam.id].sort());
    expect(await q('ADAM')).toEqual([adam.id]);
    expect(await q('love')).toEqual([ada.id]);
    expect(await q('HOP')).toEqual([grace.id]);
    expect(await q('lace')).toEqual([]);
    expect(await q('countess@anal')).toEqual([ada.id]);
    expect(await q('grace@navy.example')).toEqual([grace.id]);
    expect(await q('+1415')).toEqual([grace.id]);
    expect(await q('+44207946')).toEqual([ada.id]);
    expect(await q('zzz')).toEqual([]);

    const [acme] = await createInOrder(t, 'company', [{ name: 'Acme Industrial Supplies' }, { name: 'Initech' }]);
    expect(ids(await listAll(t, '/v1/companies', 'q=indus'))).toEqual([acme.id]);
    expect(ids(await listAll(t, '/v1/companies', 'q=Acme%20Ind'))).toEqual([acme.id]);
    expect(await listAll(t, '/v1/companies', 'q=ustrial')).toEqual([]);
  });

  it('finds search results after a rename and not under the old name', async () => {
    const t = await newTenant();
    const c = await create(t, 'company', { name: 'Oldname Corp' });
    await patchRecord(t, 'company', c.id, { name: 'Newname Corp' });
    expect(await listAll(t, '/v1/companies', 'q=oldname')).toEqual([]);
    expect(ids(await listAll(t, '/v1/companies', 'q=newname'))).toEqual([c.id]);
  });

  it('finds exact duplicates by email, phone and tax id, never by a mere prefix', async () => {
    const t = await newTenant();
    const contact = await create(t, 'contact', {
      firstName: 'Dup',
      emails: ['first@dup.example', 'Second@Dup.example'],
      phones: ['+44 20 7946 0958'],
    });
    await create(t, 'contact', { firstName: 'Other', emails: ['first@dup.example.org'] });
    expect(ids(await listAll(t, '/v1/contacts', `email=${enc('first@dup.example')}`))).toEqual([contact.id]);
    expect(ids(await listAll(t, '/v1/contacts', `email=${enc('second@dup.example')}`))).toEqual([contact.id]);
    expect(await listAll(t, '/v1/contacts', `email=${enc('first@dup.exam')}`)).toEqual([]);
    expect(ids(await listAll(t, '/v1/contacts', `phone=${enc('+44 20 7946 0958')}`))).toEqual([contact.id]);
    expect(ids(await listAll(t, '/v1/contacts', `phone=${enc('+442079460958')}`))).toEqual([contact.id]);
    expect(await listAll(t, '/v1/contacts', `phone=${enc('+4420794609')}`)).toEqual([]);

    const lead = await create(t, 'lead', { title: 'Dup lead', email: 'Lead@Dup.example', phone: '+1 415 555 2671' });
    expect(ids(await listAll(t, '/v1/leads', `email=${enc('lead@dup.example')}`))).toEqual([lead.id]);
    expect(ids(await listAll(t, '/v1/leads', `phone=${enc('+14155552671')}`))).toEqual([lead.id]);
    expect(await listAll(t, '/v1/leads', `email=${enc('first@dup.example')}`)).toEqual([]);

    const company = await create(t, 'company', { name: 'Taxed', taxId: 'GB123456789' });
    await create(t, 'company', { name: 'Taxed too', taxId: 'GB1234567890' });
    expect(ids(await listAll(t, '/v1/companies', 'taxId=GB123456789'))).toEqual([company.id]);
    expect(await listAll(t, '/v1/companies', 'taxId=GB12345')).toEqual([]);
  });

  it('no longer finds a duplicate once the email is changed or the record deleted', async () => {
    const t = await newTenant();
    const c = await create(t, 'contact', { firstName: 'Mover', emails: ['old@mail.example'] });
    await patchRecord(t, 'contact', c.id, { emails: ['new@mail.example'] });
    expect(await listAll(t, '/v1/contacts', `email=${enc('old@mail.example')}`)).toEqual([]);
    expect(ids(await listAll(t, '/v1/contacts', `email=${enc('new@mail.example')}`))).toEqual([c.id]);
    const company = await create(t, 'company', { name: 'Gone', taxId: 'FR999' });
    expectStatus(await deleteRecord(t, 'company', company.id), 204);
    expect(await listAll(t, '/v1/companies', 'taxId=FR999')).toEqual([]);
  });

  it('filters by creation and update time ranges matching the sort', async () => {
    const t = await newTenant();
    // Bounds taken from the clock strictly between the writes, whether the API's bounds are inclusive or not.
    const before = await create(t, 'lead', { title: 'before' });
    await nextMillisecondAfter(before.createdAt);
    const from = new Date().toISOString();
    await nextMillisecondAfter(from);
    const [in1, in2] = await createInOrder(t, 'lead', [{ title: 'in1' }, { title: 'in2' }]);
    await nextMillisecondAfter(in2.createdAt);
    const to = new Date().toISOString();
    await nextMillisecondAfter(to);
    const after = await create(t, 'lead', { title: 'after' });
    expect(
      ids(await listAll(t, '/v1/leads', `sort=created&order=desc&createdFrom=${enc(from)}&createdTo=${enc(to)}`)),
    ).toEqual([in2.id, in1.id]);
    expect(ids(await listAll(t, '/v1/leads', `sort=created&order=asc&createdTo=${enc(from)}`))).toEqual([before.id]);

    await nextMillisecondAfter(after.updatedAt);
    const updatedFrom = new Date().toISOString();
    await nextMillisecondAfter(updatedFrom);
    await patchRecord(t, 'lead', before.id, { comments: 'touched' });
    expect(ids(await listAll(t, '/v1/leads', `sort=updated&updatedFrom=${enc(updatedFrom)}`))).toEqual([before.id]);
    expectValidation(await listRecords(t, 'lead', `sort=updated&createdFrom=${enc(from)}`));
    expectValidation(await listRecords(t, 'lead', `sort=created&updatedFrom=${enc(from)}`));
    expectValidation(await listRecords(t, 'lead', 'sort=created&createdFrom=yesterday'));
  });
});

describe('record lists: cursors', () => {
  it('refuses forged and tampered cursors with 400 and returns no items', async () => {
    const t = await newTenant();
    await createInOrder(t, 'lead', [{ title: '1' }, { title: '2' }, { title: '3' }]);
    const page = await listRecords(t, 'lead', 'limit=1');
    const cursor: string = page.body.nextCursor;
    expect(typeof cursor).toBe('string');
    const [payload, sig] = cursor.split('.');
    const tamperedSig = `${payload}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    const fakePayload = Buffer.from(JSON.stringify({ s: 'anything', k: { pk: 'x', sk: 'y' } })).toString('base64url');
    for (const bad of ['garbage', 'eyJzIjoieCJ9.AAAA', tamperedSig, `${fakePayload}.${sig}`, `${cursor}.extra`]) {
      const res = await listRecords(t, 'lead', `limit=1&cursor=${enc(bad)}`);
      expectProblem(res, 400);
      expect(res.body.items).toBeUndefined();
      expect(errorPaths(res)).toContain('query.cursor');
    }
  });

  it('refuses a cursor from another query with 400', async () => {
    const t = await newTenant();
    await createInOrder(t, 'contact', [
      { firstName: 'A', ownerId: 'alice' },
      { firstName: 'B', ownerId: 'alice' },
      { firstName: 'C', ownerId: 'alice' },
    ]);
    await createInOrder(t, 'company', [{ name: 'A' }, { name: 'B' }]);
    const filtered = await listRecords(t, 'contact', 'ownerId=alice&limit=1');
    const cursor = filtered.body.nextCursor;
    expect(typeof cursor).toBe('string');
    expectStatus(await listRecords(t, 'contact', `ownerId=alice&limit=1&cursor=${enc(cursor)}`), 200);
    expectProblem(await listRecords(t, 'contact', `limit=1&cursor=${enc(cursor)}`), 400);
    expectProblem(await listRecords(t, 'contact', `ownerId=bob&limit=1&cursor=${enc(cursor)}`), 400);
    expectProblem(await listRecords(t, 'company', `limit=1&cursor=${enc(cursor)}`), 400);
    const created = (await listRecords(t, 'company', 'limit=1&sort=created')).body.nextCursor;
    expectProblem(await listRecords(t, 'company', `limit=1&sort=updated&cursor=${enc(created)}`), 400);
  });

  it("refuses another tenant's cursor with 400 and never returns that tenant's data", async () => {
    const a = await newTenant('Tenant A');
    const b = await newTenant('Tenant B');
    const aLeads = await createInOrder(a, 'lead', [
      { title: 'A secret 1' },
      { title: 'A secret 2' },
      { title: 'A secret 3' },
    ]);
    await create(b, 'lead', { title: 'B own' });
    const aCursor = (await listRecords(a, 'lead', 'limit=1')).body.nextCursor;
    expect(typeof aCursor).toBe('string');
    const res = await listRecords(b, 'lead', `limit=1&cursor=${enc(aCursor)}`);
    expectProblem(res, 400);
    expect(res.body.items).toBeUndefined();
    for (const l of aLeads) expect(JSON.stringify(res.body)).not.toContain(l.id);
    expect(JSON.stringify(res.body)).not.toContain('A secret');
  });
});
