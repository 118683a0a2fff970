import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from '../api-client';
import {
  create,
  createField,
  expectValidation,
  getRecord,
  listRecords,
  minimal,
  patchRecord,
  PATH,
  tenantState,
  type Entity,
} from './helpers';
import { expectStatus } from '#test/support/http-client';
import { resolveRef } from '#test/contract/openapi-walk';

// Inputs the store cannot take are a 400 naming what the client sent.

describe('time ranges', () => {
  it('refuses a reversed created or updated range on every entity, even for a viewer, naming both parameters', async () => {
    const t = await newTenant();
    const viewer = await newKey(t, 'viewer');
    for (const entity of ['lead', 'contact', 'company', 'deal'] as Entity[]) {
      for (const kind of ['created', 'updated']) {
        const res = await listRecords(viewer, entity, `${kind}From=2020-01-01&${kind}To=2019-01-01`);
        expectValidation(res, `query.${kind}From`, `query.${kind}To`);
      }
    }
    const instants = await listRecords(
      t,
      'lead',
      `createdFrom=${encodeURIComponent('2020-01-01T09:00:00-02:00')}&createdTo=${encodeURIComponent('2020-01-01T10:00:00Z')}`,
    );
    expectValidation(instants, 'query.createdFrom', 'query.createdTo');
  });

  it('accepts a one-day range and ranges beyond the years 0000-9999 once offsets apply', async () => {
    const t = await newTenant();
    const lead = await create(t, 'lead');
    const day = lead.createdAt.slice(0, 10);
    for (const query of [
      `createdFrom=${day}&createdTo=${day}`,
      `createdFrom=${encodeURIComponent('0000-01-01T00:00:00+14:00')}&createdTo=${encodeURIComponent('9999-12-31T23:59:59-14:00')}`,
    ]) {
      const res = await listRecords(t, 'lead', query);
      expectStatus(res, 200);
      expect(res.body.items.map((l: { id: string }) => l.id)).toContain(lead.id);
    }
  });

  it('names the query parameters the client sent when filters are combined', async () => {
    const t = await newTenant();
    const res = await listRecords(t, 'deal', 'ownerId=someone&companyId=com_01HZZZZZZZZZZZZZZZZZZZZZZZ');
    expectValidation(res, 'query.ownerId', 'query.companyId');
  });
});

describe('number bounds', () => {
  it('refuses custom numbers beyond 2^53 − 1, past 15 significant digits or 15 decimals, and keeps the valid ones exact', async () => {
    const t = await newTenant();
    await createField(t, 'lead', { name: 'score', label: 'Score', type: 'number' });
    const before = await tenantState(t.id);
    for (const raw of [
      '1e16',
      '9007199254740992',
      '1e125',
      '1e308',
      '-1e308',
      '5e-324',
      '1e-129',
      '1e-131',
      '0.30000000000000004',
      '9007199254740991',
    ]) {
      const res = await call('POST', '/v1/leads', {
        key: t.ownerKey,
        rawBody: `{"title":"x","customFields":{"score":${raw}}}`,
        headers: { 'content-type': 'application/json' },
      });
      expectValidation(res, 'body.customFields.score');
    }
    expect(await tenantState(t.id)).toEqual(before);
    for (const score of [999_999_999_999_999, -9_007_199_254_740_990, 0.000000000000001, 3.14159]) {
      const made = await create(t, 'lead', minimal.lead({ customFields: { score } }));
      expect((await getRecord(t, 'lead', made.id)).body.customFields.score).toBe(score);
    }
  });

  it('holds money to its currency decimals (ISO 4217) in custom fields', async () => {
    const t = await newTenant();
    await createField(t, 'deal', { name: 'budget', label: 'Budget', type: 'money' });
    const bad = [
      { amount: 5e-324, currency: 'EUR' },
      { amount: 1e-129, currency: 'EUR' },
      { amount: 10.001, currency: 'USD' },
      { amount: 1500.5, currency: 'JPY' },
      { amount: 1.2345, currency: 'KWD' },
      { amount: 1e16, currency: 'EUR' },
      { amount: 90_071_992_547_500, currency: 'EUR' },
    ];
    for (const budget of bad) {
      expectValidation(
        await call('POST', '/v1/deals', { key: t.ownerKey, body: minimal.deal({ customFields: { budget } }) }),
        'body.customFields.budget.amount',
      );
    }
    for (const budget of [
      { amount: 10.25, currency: 'EUR' },
      { amount: 1500, currency: 'JPY' },
      { amount: 1.234, currency: 'KWD' },
      { amount: -99.5, currency: 'USD' },
    ]) {
      const made = await create(t, 'deal', minimal.deal({ customFields: { budget } }));
      expect(made.customFields.budget).toEqual(budget);
    }
    const res = await call('POST', '/v1/fields/deal', {
      key: t.ownerKey,
      body: { name: 'floor', label: 'Floor', type: 'money', default: { amount: 1e-129, currency: 'EUR' } },
    });
    expectValidation(res, 'body.default.amount');
  });

  it('refuses deal amounts and line items the store cannot hold, and never answers 5xx', async () => {
    const t = await newTenant();
    const line = (extra: Record<string, unknown>) => ({ name: 'Seat', quantity: 1, unitPrice: 10, ...extra });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: 5e-324, currency: 'EUR' }, 'body.amount'],
      [{ amount: 1e-129, currency: 'EUR' }, 'body.amount'],
      [{ amount: 10.5, currency: 'JPY' }, 'body.amount'],
      [{ amount: 1e13, currency: 'EUR' }, 'body.amount'],
      [{ currency: 'EUR', lineItems: [line({ quantity: 5e-324 })] }, 'body.lineItems.0.quantity'],
      [{ currency: 'EUR', lineItems: [line({ unitPrice: 5e-324 })] }, 'body.lineItems.0.unitPrice'],
      [{ currency: 'EUR', lineItems: [line({ taxRate: 5e-324 })] }, 'body.lineItems.0.taxRate'],
      [{ currency: 'JPY', lineItems: [line({}), line({ unitPrice: 0.5 })] }, 'body.lineItems.1.unitPrice'],
      [{ currency: 'EUR', lineItems: [line({ quantity: 10_000, unitPrice: 1e12 })] }, 'body.lineItems.0'],
      [
        { currency: 'EUR', lineItems: Array.from({ length: 200 }, () => line({ quantity: 1e9, unitPrice: 9_999 })) },
        'body.lineItems',
      ],
    ];
    for (const [extra, path] of cases) {
      const res = await call('POST', '/v1/deals', { key: t.ownerKey, body: minimal.deal(extra) });
      expectValidation(res, path);
    }
  });

  it('reports currency decimals together with the other field errors of the same body', async () => {
    const t = await newTenant();
    const res = await call('POST', '/v1/deals', {
      key: t.ownerKey,
      body: { title: '', currency: 'JPY', amount: 10.5, lineItems: [{ name: 'Seat', quantity: 1, unitPrice: 0.5 }] },
    });
    expectValidation(res, 'body.title', 'body.amount', 'body.lineItems.0.unitPrice');
    expect(res.body.errors.find((e: { path: string }) => e.path === 'body.amount').message).toBe(
      'must be a whole number in JPY',
    );
  });

  it('computes totals in the currency minor unit and checks a changed currency against the stored amounts', async () => {
    const t = await newTenant();
    const deal = await create(
      t,
      'deal',
      minimal.deal({
        currency: 'KWD',
        amount: 1.234,
        lineItems: [{ name: 'Seat', quantity: 3, unitPrice: 1.001, taxRate: 5 }],
      }),
    );
    expect(deal.totals).toMatchObject({ net: 3.003, tax: 0.15, gross: 3.153 });
    const res = await patchRecord(t, 'deal', deal.id, { currency: 'EUR' });
    expectValidation(res, 'body.currency');
    expect((await getRecord(t, 'deal', deal.id)).body.version).toBe(1);
    const jpy = await patchRecord(t, 'deal', deal.id, {
      currency: 'JPY',
      amount: 1500,
      lineItems: [{ name: 'Seat', quantity: 3, unitPrice: 999, taxRate: 10 }],
    });
    expectStatus(jpy, 200);
    expect(jpy.body.totals).toMatchObject({ net: 2997, tax: 300, gross: 3297 });
  });

  it('documents the bounds in the OpenAPI document', async () => {
    const doc = (await call('GET', '/v1/openapi.json')).body;
    // Request bodies are named components (CreateDealRequest).
    const ref: string = doc.paths['/v1/deals'].post.requestBody.content['application/json'].schema.$ref;
    const deal = resolveRef(doc, ref).properties;
    expect(deal.amount).toMatchObject({ minimum: 0, maximum: 1e12, description: expect.stringContaining('ISO 4217') });
    expect(deal.lineItems.items.properties.quantity).toMatchObject({
      maximum: 1e9,
      description: expect.stringContaining('15 significant digits'),
    });
  });
});

describe('object-valued inputs', () => {
  it('refuses __proto__, constructor and prototype as custom fields like any unknown field, and stores nothing', async () => {
    const t = await newTenant();
    const before = await tenantState(t.id);
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      for (const entity of ['lead', 'company'] as Entity[]) {
        const raw = JSON.stringify(minimal[entity]()).slice(0, -1) + `,"customFields":{"${name}":{"polluted":true}}}`;
        const res = await call('POST', `/v1/${PATH[entity]}`, {
          key: t.ownerKey,
          rawBody: raw,
          headers: { 'content-type': 'application/json' },
        });
        expectValidation(res, `body.customFields.${name}`);
      }
    }
    expect(await tenantState(t.id)).toEqual(before);
    const lead = await create(t, 'lead');
    const patched = await call('PATCH', `/v1/leads/${lead.id}`, {
      key: t.ownerKey,
      rawBody: '{"customFields":{"__proto__":{"x":1}}}',
      headers: { 'content-type': 'application/json' },
    });
    expectValidation(patched, 'body.customFields.__proto__');
  });

  it('refuses __proto__, constructor and toString as query parameters', async () => {
    const t = await newTenant();
    for (const name of ['__proto__', 'constructor', 'toString'])
      expectValidation(await listRecords(t, 'lead', `${name}=x`), `query.${name}`);
  });

  it('refuses __proto__ inside nested objects and list values', async () => {
    const t = await newTenant();
    const f = await createField(t, 'lead', {
      name: 'temperature',
      label: 'Temperature',
      type: 'list',
      options: [{ label: 'Hot' }],
    });
    await createField(t, 'lead', { name: 'budget', label: 'Budget', type: 'money' });
    const send = (raw: string) =>
      call('POST', '/v1/leads', { key: t.ownerKey, rawBody: raw, headers: { 'content-type': 'application/json' } });
    expectValidation(await send('{"title":"x","__proto__":{"a":1}}'), 'body.__proto__');
    expectValidation(await send('{"title":"x","utm":{"__proto__":{"a":1}}}'), 'body.utm.__proto__');
    expectValidation(
      await send('{"title":"x","customFields":{"budget":{"amount":1,"currency":"EUR","__proto__":{}}}}'),
      'body.customFields.budget.__proto__',
    );
    expectValidation(
      await send(`{"title":"x","customFields":{"temperature":{"id":"${f.options[0].id}","__proto__":{}}}}`),
      'body.customFields.temperature',
    );
    const ok = await send(`{"title":"x","customFields":{"temperature":{"id":"${f.options[0].id}","label":"Hot"}}}`);
    expectStatus(ok, 201);
  });
});
