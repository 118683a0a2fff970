import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from '../api-client';
import {
  create,
  defaultDealPipeline,
  deleteRecord,
  errorPaths,
  expectProblem,
  expectValidation,
  getRecord,
  ids,
  idPattern,
  ISO_UTC,
  leadPipeline,
  listAll,
  minimal,
  nextMillisecondAfter,
  patchRecord,
  PATH,
  storedMeta,
  tenantState,
  timeline,
  type Entity,
} from './helpers';
import { expectStatus } from '#test/support/http-client';

describe('records: create, read, update, delete', () => {
  it('creates a lead with its defaults, an ETag of "1", a Location and normalized contact data', async () => {
    const t = await newTenant();
    const pipe = await leadPipeline(t);
    const res = await call('POST', '/v1/leads', {
      key: t.ownerKey,
      body: {
        title: 'Website enquiry',
        name: 'Jane Doe',
        companyName: 'Initech',
        email: 'Jane.Doe@Example.COM',
        phone: '+44 20 7946 0958',
        source: 'web',
        utm: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring' },
        comments: 'Call after 3pm',
      },
    });
    expectStatus(res, 201);
    const lead = res.body;
    expect(lead.id).toMatch(idPattern('lead'));
    expect(lead).toMatchObject({
      title: 'Website enquiry',
      name: 'Jane Doe',
      companyName: 'Initech',
      email: 'jane.doe@example.com',
      phone: '+442079460958',
      source: 'web',
      utm: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring' },
      comments: 'Call after 3pm',
      version: 1,
      ownerId: t.ownerUserId,
      createdBy: t.ownerUserId,
      updatedBy: t.ownerUserId,
      customFields: {},
      stageId: pipe.stages[0].id,
    });
    expect(lead.createdAt).toMatch(ISO_UTC);
    expect(lead.updatedAt).toMatch(ISO_UTC);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toMatch(new RegExp(`/v1/leads/${lead.id}$`));

    const got = await getRecord(t, 'lead', lead.id);
    expectStatus(got, 200);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(got.body).toEqual(lead);
    const stored = JSON.stringify(await storedMeta(t.id, 'lead', lead.id));
    expect(stored).toContain('"jane.doe@example.com"');
    expect(stored).toContain('"+442079460958"');
    expect(stored).not.toContain('Jane.Doe@Example.COM');
    expect(stored).toContain('"version":1');
  });

  it('creates a contact with lower-cased emails and E.164 phones, and one with only a last name', async () => {
    const t = await newTenant();
    const c = await create(t, 'contact', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: ['ADA@Example.com', 'ada.l@work.example'],
      phones: ['+44 20 7946 0958', '+1 (415) 555-2671'],
      position: 'CTO',
    });
    expect(c.id).toMatch(idPattern('con'));
    expect(c).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: ['ada@example.com', 'ada.l@work.example'],
      phones: ['+442079460958', '+14155552671'],
      position: 'CTO',
      version: 1,
      ownerId: t.ownerUserId,
    });
    const onlyLast = await create(t, 'contact', { lastName: 'Hopper' });
    expect(onlyLast).toMatchObject({ lastName: 'Hopper', version: 1 });
    expect((await getRecord(t, 'contact', onlyLast.id)).body.lastName).toBe('Hopper');
  });

  it('creates a company with an address and website', async () => {
    const t = await newTenant();
    const body = {
      name: 'Acme Industrial',
      taxId: 'GB123456789',
      registrationNumber: '01234567',
      website: 'https://acme.example',
      industry: 'Manufacturing',
      address: { street: '1 High St', city: 'London', postalCode: 'EC1A 1AA', region: 'Greater London', country: 'GB' },
    };
    const res = await call('POST', '/v1/companies', { key: t.ownerKey, body });
    expectStatus(res, 201);
    expect(res.body.id).toMatch(idPattern('com'));
    expect(res.body).toMatchObject({ ...body, version: 1 });
    expect(res.headers.get('location')).toMatch(new RegExp(`/v1/companies/${res.body.id}$`));
    expect((await getRecord(t, 'company', res.body.id)).body).toMatchObject(body);
  });

  it('creates a deal in the default pipeline and first stage with computed line-item totals', async () => {
    const t = await newTenant();
    const pipe = await defaultDealPipeline(t);
    const deal = await create(t, 'deal', {
      title: 'Consulting Q3',
      amount: 823.96,
      currency: 'EUR',
      expectedCloseDate: '2030-09-30',
      lineItems: [
        { name: 'Consulting', quantity: 3, unit: 'h', unitPrice: 99.99, discount: 10, taxRate: 20 },
        { name: 'Licence', quantity: 1, unitPrice: 500 },
      ],
    });
    expect(deal.id).toMatch(idPattern('deal'));
    expect(deal).toMatchObject({
      pipelineId: pipe.id,
      stageId: pipe.stages[0].id,
      amount: 823.96,
      currency: 'EUR',
      expectedCloseDate: '2030-09-30',
      version: 1,
    });
    expect(deal.lineItems[1]).toMatchObject({
      name: 'Licence',
      quantity: 1,
      unitPrice: 500,
      discount: 0,
      taxRate: 0,
      taxCategory: 'Z',
    });
    expect(deal.totals).toEqual({
      net: 769.97,
      tax: 53.99,
      gross: 823.96,
      taxes: [
        { category: 'S', rate: 20, net: 269.97, tax: 53.99 },
        { category: 'Z', rate: 0, net: 500, tax: 0 },
      ],
    });
    const card = await call('GET', `/v1/deals/${deal.id}?include=card`, { key: t.ownerKey });
    expect(card.body.totals).toEqual(deal.totals);
    expect(card.body.contacts).toEqual([]);
    expect(card.body.company).toBeNull();
  });

  it('recomputes totals when the line items change', async () => {
    const t = await newTenant();
    const deal = await create(t, 'deal', {
      title: 'Boxes',
      currency: 'EUR',
      lineItems: [{ name: 'Box', quantity: 2, unitPrice: 10 }],
    });
    expect(deal.totals).toEqual({ net: 20, tax: 0, gross: 20, taxes: [{ category: 'Z', rate: 0, net: 20, tax: 0 }] });
    const res = await patchRecord(t, 'deal', deal.id, {
      lineItems: [
        { name: 'Box', quantity: 4, unitPrice: 12.34, discount: 15, taxRate: 19 },
        { name: 'Tape', quantity: 0.5, unitPrice: 3 },
      ],
    });
    expectStatus(res, 200);
    // box: net = round2(4 * 12.34 * 0.85) = 41.96, tax = round2(41.96 * 0.19) = 7.97; tape: net 1.5, tax 0
    expect(res.body.totals).toEqual({
      net: 43.46,
      tax: 7.97,
      gross: 51.43,
      taxes: [
        { category: 'S', rate: 19, net: 41.96, tax: 7.97 },
        { category: 'Z', rate: 0, net: 1.5, tax: 0 },
      ],
    });
    expect(res.body.version).toBe(2);
    expect((await getRecord(t, 'deal', deal.id)).body.totals).toEqual(res.body.totals);
  });

  it('refuses to accept computed totals from the client', async () => {
    const t = await newTenant();
    const before = await tenantState(t.id);
    const res = await call('POST', '/v1/deals', {
      key: t.ownerKey,
      body: {
        title: 'Cheat',
        currency: 'EUR',
        lineItems: [{ name: 'x', quantity: 1, unitPrice: 5 }],
        totals: { net: 1, tax: 0, gross: 1 },
      },
    });
    expectValidation(res, 'body.totals');
    expect(await tenantState(t.id)).toEqual(before);
  });

  it('updates a record partially, bumps the version and ETag and records who changed it', async () => {
    const t = await newTenant();
    const adminKey = await newKey(t, 'admin', 'admin-ann');
    const lead = await create(t, 'lead', { title: 'Old title', name: 'Sam', source: 'fair' });
    await nextMillisecondAfter(lead.createdAt); // so updatedAt > createdAt can be asserted
    const res = await patchRecord(adminKey, 'lead', lead.id, { title: 'New title' });
    expectStatus(res, 200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({
      title: 'New title',
      name: 'Sam',
      source: 'fair',
      version: 2,
      createdBy: t.ownerUserId,
      updatedBy: 'admin-ann',
      ownerId: t.ownerUserId,
      createdAt: lead.createdAt,
    });
    expect(res.body.updatedAt > lead.createdAt).toBe(true);
    const again = await patchRecord(t, 'lead', lead.id, { source: 'referral' }, 2);
    expectStatus(again, 200);
    expect(again.body.version).toBe(3);
    const got = await getRecord(t, 'lead', lead.id);
    expect(got.headers.get('etag')).toBe('"3"');
    expect(got.body).toMatchObject({ title: 'New title', source: 'referral', version: 3 });
  });

  it('clears an optional field with null but refuses to clear a required one', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', {
      name: 'Clearable',
      website: 'https://clear.example',
      industry: 'Retail',
    });
    const cleared = await patchRecord(t, 'company', company.id, { website: null });
    expectStatus(cleared, 200);
    expect(cleared.body.website ?? null).toBeNull();
    expect(cleared.body.industry).toBe('Retail');
    expect((await getRecord(t, 'company', company.id)).body.website ?? null).toBeNull();

    const refused = await patchRecord(t, 'company', company.id, { name: null });
    expectValidation(refused, 'body.name');
    const after = await getRecord(t, 'company', company.id);
    expect(after.body).toMatchObject({ name: 'Clearable', version: 2 });
  });

  it('refuses a stale If-Match with 412 and leaves the company and its timeline unchanged', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Versioned' });
    expectStatus(await patchRecord(t, 'company', company.id, { industry: 'Energy' }, 1), 200);
    const tlBefore = await timeline(t, 'company', company.id);
    const before = await tenantState(t.id);
    const stale = await patchRecord(t, 'company', company.id, { name: 'Overwritten' }, 1);
    expectProblem(stale, 412);
    const got = await getRecord(t, 'company', company.id);
    expect(got.body).toMatchObject({ name: 'Versioned', industry: 'Energy', version: 2 });
    expect(got.headers.get('etag')).toBe('"2"');
    expect(await timeline(t, 'company', company.id)).toEqual(tlBefore);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it('lets only one of two concurrent updates with the same If-Match win', async () => {
    const t = await newTenant();
    const deal = await create(t, 'deal', { title: 'Contended' });
    const results = await Promise.all(
      ['Writer A', 'Writer B', 'Writer C'].map((title) => patchRecord(t, 'deal', deal.id, { title }, 1)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412]);
    const winner = results.find((r) => r.status === 200)!.body.title;
    const got = await getRecord(t, 'deal', deal.id);
    expect(got.body).toMatchObject({ title: winner, version: 2 });
    const tl = await timeline(t, 'deal', deal.id);
    expect(tl.map((e) => e.type)).toEqual(['updated', 'created']);
  });

  it('deletes a record: 204, then 404 on read, update and a second delete, and gone from lists and storage', async () => {
    const t = await newTenant();
    const keep = await create(t, 'contact', minimal.contact({ firstName: 'Keep' }));
    const gone = await create(t, 'contact', minimal.contact({ firstName: 'Gone' }));
    const del = await deleteRecord(t, 'contact', gone.id);
    expectStatus(del, 204);
    expectProblem(await getRecord(t, 'contact', gone.id), 404);
    expectProblem(await patchRecord(t, 'contact', gone.id, { firstName: 'Back' }), 404);
    expectProblem(await deleteRecord(t, 'contact', gone.id), 404);
    expect(ids(await listAll(t, '/v1/contacts'))).toEqual([keep.id]);
    expect(await storedMeta(t.id, 'contact', gone.id)).toBeUndefined();
  });

  it('trims surrounding whitespace from emails before storing them', async () => {
    const t = await newTenant();
    const lead = await call('POST', '/v1/leads', {
      key: t.ownerKey,
      body: { title: 'Padded', email: '  Jane.Doe@Example.COM ' },
    });
    expectStatus(lead, 201);
    expect(lead.body.email).toBe('jane.doe@example.com');
    const contact = await call('POST', '/v1/contacts', {
      key: t.ownerKey,
      body: { firstName: 'Pad', emails: [' ADA@Example.com\t'] },
    });
    expectStatus(contact, 201);
    expect(contact.body.emails).toEqual(['ada@example.com']);
  });

  it('answers 404 for an unknown id and 400 (params.id) for a malformed one on every entity', async () => {
    const t = await newTenant();
    for (const [entity, prefix] of [
      ['lead', 'lead'],
      ['contact', 'con'],
      ['company', 'com'],
      ['deal', 'deal'],
    ] as const) {
      expectProblem(await getRecord(t, entity, `${prefix}_01JAAAAAAAAAAAAAAAAAAAAAAA`), 404);
      const bad = await getRecord(t, entity, 'nope');
      expectStatus(bad, 400);
      expect(errorPaths(bad)).toContain('params.id');
    }
  });
});

describe('records: bad input is refused and nothing is written', () => {
  const refusals: Array<[string, Entity, Record<string, unknown>, string[]]> = [
    ['an unknown field', 'lead', { title: 'x', colour: 'red' }, ['body.colour']],
    ['a read-only field', 'lead', { title: 'x', version: 7 }, ['body.version']],
    ['a missing lead title', 'lead', { name: 'No title' }, ['body.title']],
    ['a malformed email', 'lead', { title: 'x', email: 'not-an-email' }, ['body.email']],
    ['a phone without a leading +', 'lead', { title: 'x', phone: '020 7946 0958' }, ['body.phone']],
    ['a phone with letters in it', 'lead', { title: 'x', phone: '+44 20 CALL NOW' }, ['body.phone']],
    ['a utm value that is not a string', 'lead', { title: 'x', utm: { utm_source: 5 } }, ['body.utm.utm_source']],
    [
      'an unknown utm key',
      'lead',
      { title: 'x', utm: { utm_source: 'g', utm_colour: 'red' } },
      ['body.utm.utm_colour'],
    ],
    [
      'a bad email among several',
      'contact',
      { firstName: 'A', emails: ['ok@example.com', 'broken@'] },
      ['body.emails.1'],
    ],
    ['a local phone among contact phones', 'contact', { firstName: 'A', phones: ['07946 0958'] }, ['body.phones.0']],
    ['a missing company name', 'company', { industry: 'Retail' }, ['body.name']],
    ['a non-http website', 'company', { name: 'x', website: 'ftp://files.example' }, ['body.website']],
    ['a website that is not a URL', 'company', { name: 'x', website: 'acme dot com' }, ['body.website']],
    [
      'an unknown address part',
      'company',
      { name: 'x', address: { city: 'Paris', planet: 'Earth' } },
      ['body.address.planet'],
    ],
    ['a missing deal title', 'deal', { amount: 10 }, ['body.title']],
    ['an amount with three decimals', 'deal', { title: 'x', currency: 'EUR', amount: 10.123 }, ['body.amount']],
    ['an amount that is not a number', 'deal', { title: 'x', currency: 'EUR', amount: '10' }, ['body.amount']],
    ['a currency that is not ISO 4217', 'deal', { title: 'x', amount: 10, currency: 'EURO' }, ['body.currency']],
    [
      'a close date that is not YYYY-MM-DD',
      'deal',
      { title: 'x', expectedCloseDate: '31/12/2030' },
      ['body.expectedCloseDate'],
    ],
    ['a close date with month 13', 'deal', { title: 'x', expectedCloseDate: '2030-13-01' }, ['body.expectedCloseDate']],
    [
      'a zero quantity',
      'deal',
      { title: 'x', currency: 'EUR', lineItems: [{ name: 'a', quantity: 0, unitPrice: 1 }] },
      ['body.lineItems.0.quantity'],
    ],
    // Negative unit prices are credit lines (issue 21), down to −1e12; below that they are refused.
    [
      'a unit price below −1e12',
      'deal',
      {
        title: 'x',
        currency: 'EUR',
        lineItems: [
          { name: 'a', quantity: 1, unitPrice: 1 },
          { name: 'b', quantity: 1, unitPrice: -2e12 },
        ],
      },
      ['body.lineItems.1.unitPrice'],
    ],
    [
      'an unknown tax category',
      'deal',
      { title: 'x', currency: 'EUR', lineItems: [{ name: 'a', quantity: 1, unitPrice: 1, taxCategory: 'X' }] },
      ['body.lineItems.0.taxCategory'],
    ],
    [
      'a reverse-charge line with a rate',
      'deal',
      {
        title: 'x',
        currency: 'EUR',
        lineItems: [{ name: 'a', quantity: 1, unitPrice: 1, taxCategory: 'AE', taxRate: 22 }],
      },
      ['body.lineItems.0.taxRate'],
    ],
    ['a payment term over 365 days', 'deal', { title: 'x', paymentTermDays: 366 }, ['body.paymentTermDays']],
    [
      'a unit price with three decimals',
      'deal',
      { title: 'x', currency: 'EUR', lineItems: [{ name: 'a', quantity: 1, unitPrice: 1.005 }] },
      ['body.lineItems.0.unitPrice'],
    ],
    [
      'a discount over 100 %',
      'deal',
      { title: 'x', currency: 'EUR', lineItems: [{ name: 'a', quantity: 1, unitPrice: 1, discount: 101 }] },
      ['body.lineItems.0.discount'],
    ],
    [
      'a negative tax rate',
      'deal',
      { title: 'x', currency: 'EUR', lineItems: [{ name: 'a', quantity: 1, unitPrice: 1, taxRate: -1 }] },
      ['body.lineItems.0.taxRate'],
    ],
  ];

  for (const entity of ['lead', 'contact', 'company', 'deal'] as const) {
    it(`refuses every kind of bad ${entity} input on create with 400 naming the field, storing nothing`, async () => {
      const t = await newTenant();
      const before = await tenantState(t.id);
      for (const [what, , body, paths] of refusals.filter(([, e]) => e === entity)) {
        const res = await call('POST', `/v1/${PATH[entity]}`, { key: t.ownerKey, body });
        expectStatus(res, 400, what);
        expect(res.headers.get('content-type'), what).toContain('application/problem+json');
        expect(res.body, what).toMatchObject({
          status: 400,
          code: 'VALIDATION',
          type: expect.any(String),
          title: expect.any(String),
          detail: expect.any(String),
        });
        for (const p of paths) expect(errorPaths(res), what).toContain(p);
      }
      expect(await tenantState(t.id)).toEqual(before);
      expect(await listAll(t, `/v1/${PATH[entity]}`)).toEqual([]);
    });
  }

  it('refuses a contact with neither first nor last name', async () => {
    const t = await newTenant();
    const before = await tenantState(t.id);
    const res = await call('POST', '/v1/contacts', { key: t.ownerKey, body: { emails: ['nobody@example.com'] } });
    expectValidation(res);
    expect(errorPaths(res).some((p) => p === 'body' || p === 'body.firstName' || p === 'body.lastName')).toBe(true);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it('lists every invalid field of a deal at once', async () => {
    // 1.00001 has more decimals than any currency (1.001 is fine in KWD), so it is wrong whatever the currency.
    const t = await newTenant();
    const res = await call('POST', '/v1/deals', {
      key: t.ownerKey,
      body: {
        title: '',
        amount: 1.00001,
        currency: 'eu',
        bogus: 1,
        lineItems: [{ name: 'a', quantity: -1, unitPrice: 1 }],
      },
    });
    expectValidation(res, 'body.amount', 'body.currency', 'body.bogus', 'body.lineItems.0.quantity');
  });

  it('refuses bad PATCH bodies with 400 and leaves the record, its version and timeline unchanged', async () => {
    const t = await newTenant();
    const contact = await create(t, 'contact', {
      firstName: 'Stable',
      emails: ['stable@example.com'],
      phones: ['+442079460958'],
    });
    const tl = await timeline(t, 'contact', contact.id);
    const before = await tenantState(t.id);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ emails: ['nope'] }, 'body.emails.0'],
      [{ phones: ['12345'] }, 'body.phones.0'],
      [{ nickname: 'Stabby' }, 'body.nickname'],
      [{ id: 'con_01JAAAAAAAAAAAAAAAAAAAAAAA' }, 'body.id'],
      [{ customFields: { nope: 1 } }, 'body.customFields.nope'],
      [{ firstName: 'Changed', emails: ['still bad'] }, 'body.emails.0'],
    ];
    for (const [body, path] of bad) expectValidation(await patchRecord(t, 'contact', contact.id, body), path);
    const got = await getRecord(t, 'contact', contact.id);
    expect(got.body).toEqual(contact);
    expect(await timeline(t, 'contact', contact.id)).toEqual(tl);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it('answers problem+json for a PATCH with If-Match that is not a version', async () => {
    const t = await newTenant();
    const deal = await create(t, 'deal');
    const res = await patchRecord(t, 'deal', deal.id, { title: 'x' }, '"abc"');
    expectStatus(res, [400, 412]);
    expect((await getRecord(t, 'deal', deal.id)).body).toMatchObject({ title: deal.title, version: 1 });
  });

  it('asks for a currency once a deal has an amount or line items, and stores nothing without it', async () => {
    const t = await newTenant();
    const before = await tenantState(t.id);
    for (const body of [
      { title: 'No currency', amount: 100 },
      { title: 'No currency', lineItems: [{ name: 'x', quantity: 1, unitPrice: 5 }] },
    ]) {
      const res = await call('POST', '/v1/deals', { key: t.ownerKey, body });
      expectStatus(res, 400);
      expect(errorPaths(res)).toEqual(['body.currency']);
    }
    expect(await tenantState(t.id)).toEqual(before);
    const ok = await call('POST', '/v1/deals', {
      key: t.ownerKey,
      body: { title: 'With currency', amount: 100, currency: 'EUR' },
    });
    expectStatus(ok, 201);
  });
});
