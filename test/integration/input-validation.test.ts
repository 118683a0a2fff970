import { describe, expect, it } from 'vitest';
import { adminKey, call, newTenant } from './api-client';
import {
  create,
  createField,
  expectProblem,
  expectValidation,
  getRecord,
  minimal,
  patchRecord,
} from './records/helpers';
import { expectStatus } from '#test/support/http-client';

// Replays keep every field but the declared secret; instants are compared
// as instants; bodies and If-Match are read as RFC 9110 and JSON mean them.

describe('idempotent replays', () => {
  it('keep a custom field named secret', async () => {
    const t = await newTenant();
    await createField(t, 'lead', { name: 'secret', label: 'Secret', type: 'string' });
    const body = minimal.lead({ customFields: { secret: 'the launch date' } });
    const headers = { 'idempotency-key': `secret-${Date.now()}` };
    const first = await call('POST', '/v1/leads', { key: t.ownerKey, body, headers });
    expectStatus(first, 201);
    const replay = await call('POST', '/v1/leads', { key: t.ownerKey, body, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(replay.body.customFields.secret).toBe('the launch date');
  });

  it('drop the owner key secret of a tenant creation, and nothing else', async () => {
    const body = { name: `Replayed ${Date.now()}`, plan: 'standard', seats: 2 };
    const headers = { 'idempotency-key': `tenant-${Date.now()}` };
    const first = await call('POST', '/v1/admin/tenants', { key: adminKey(), body, headers });
    expectStatus(first, 201);
    expect(first.body.apiKey.secret).toMatch(/^dsk\./);
    const replay = await call('POST', '/v1/admin/tenants', { key: adminKey(), body, headers });
    expectStatus(replay, 201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const { secret: _secret, ...keyWithoutSecret } = first.body.apiKey;
    expect(replay.body).toEqual({ tenant: first.body.tenant, apiKey: keyWithoutSecret });
  });
});

describe('API key expiry', () => {
  const mint = (ownerKey: string, expiresAt: string) =>
    call('POST', '/v1/api-keys', { key: ownerKey, body: { name: 'k', role: 'viewer', userId: 'u1', expiresAt } });

  it('compares instants, not strings, and refuses more than 10 years ahead', async () => {
    const t = await newTenant();
    // As a string "9999-12-31T23:59:59-14:00" sorts after now, but toISOString() makes it "+010000-…".
    const far = await mint(t.ownerKey, '9999-12-31T23:59:59-14:00');
    expectValidation(far, 'body.expiresAt');
    expect(far.body.errors[0].message).toMatch(/at most 10 years/);
    const tooLate = new Date(Date.now() + 10 * 366 * 86_400_000).toISOString();
    expectValidation(await mint(t.ownerKey, tooLate), 'body.expiresAt');
    const past = await mint(t.ownerKey, '2020-01-01T00:00:00+14:00');
    expectValidation(past, 'body.expiresAt');
    expect(past.body.errors[0].message).toMatch(/future/);
  });

  it('accepts an instant with a negative offset within 10 years and stores it in UTC', async () => {
    const t = await newTenant();
    const year = new Date().getUTCFullYear() + 9;
    const res = await mint(t.ownerKey, `${year}-12-31T23:59:59-14:00`);
    expectStatus(res, 201);
    expect(res.body.expiresAt).toBe(`${year + 1}-01-01T13:59:59.000Z`);
    expectStatus(await call('GET', '/v1/tenant', { key: res.body.secret }), 200);
  });
});

describe('bodies', () => {
  it('refuses a null PATCH body on records, pipelines, fields and tenants', async () => {
    const t = await newTenant();
    const lead = await create(t, 'lead');
    const raw = { rawBody: 'null', headers: { 'content-type': 'application/json' } };
    expectValidation(await call('PATCH', `/v1/leads/${lead.id}`, { key: t.ownerKey, ...raw }), 'body');
    expectValidation(await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), ...raw }), 'body');
    await createField(t, 'lead', { name: 'score', label: 'Score', type: 'number' });
    expectValidation(await call('PATCH', '/v1/fields/lead/score', { key: t.ownerKey, ...raw }), 'body');
    for (const other of ['[]', '"x"', '5', 'true']) {
      expectValidation(
        await call('PATCH', `/v1/leads/${lead.id}`, {
          key: t.ownerKey,
          rawBody: other,
          headers: { 'content-type': 'application/json' },
        }),
        'body',
      );
    }
    expect((await getRecord(t, 'lead', lead.id)).body.version).toBe(1);
  });

  it('lets a route that takes no body accept none or {}, and refuses anything else', async () => {
    const path = '/v1/admin/health-checks';
    for (const body of [null, [], 'x', 1]) {
      expectValidation(
        await call('POST', path, {
          key: adminKey(),
          rawBody: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        }),
        'body',
      );
    }
    expectValidation(await call('POST', path, { key: adminKey(), body: { deep: true } }), 'body.deep');
    for (const opts of [{}, { body: {} }]) {
      const res = await call('POST', path, { key: adminKey(), ...opts });
      expectStatus(res, 200);
    }
  });
});

describe('If-Match', () => {
  it('honours * as any current version (RFC 9110) on PATCH and DELETE', async () => {
    const t = await newTenant();
    const company = await create(t, 'company');
    await patchRecord(t, 'company', company.id, { industry: 'Tools' });
    const patched = await patchRecord(t, 'company', company.id, { industry: 'Software' }, '*');
    expectStatus(patched, 200);
    expect(patched.body.version).toBe(3);
    const tenant = await call('PATCH', `/v1/admin/tenants/${t.id}`, {
      key: adminKey(),
      body: { seats: 7 },
      headers: { 'if-match': '*' },
    });
    expectStatus(tenant, 200);
    const deleted = await call('DELETE', `/v1/companies/${company.id}`, {
      key: t.ownerKey,
      headers: { 'if-match': '*' },
    });
    expectStatus(deleted, 204);
    // No current representation: the answer without the condition (404) stands.
    expectProblem(await patchRecord(t, 'company', company.id, { industry: 'Gone' }, '*'), 404);
  });

  it('still refuses a malformed If-Match with a clear message', async () => {
    const t = await newTenant();
    const lead = await create(t, 'lead');
    const res = await patchRecord(t, 'lead', lead.id, { title: 'x' }, 'banana');
    expectValidation(res, 'headers.if-match');
  });
});

describe('messages', () => {
  it('are ours, with paths named as the client sent them', async () => {
    const t = await newTenant();
    const res = await call('POST', '/v1/deals', {
      key: t.ownerKey,
      body: { title: '', amount: 'ten', lineItems: [{ quantity: -1, unitPrice: 1 }], stageId: 5 },
    });
    expectValidation(
      res,
      'body.title',
      'body.amount',
      'body.lineItems.0.name',
      'body.lineItems.0.quantity',
      'body.stageId',
    );
    const byPath = Object.fromEntries(
      res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(byPath).toMatchObject({
      'body.title': 'must not be empty',
      'body.amount': 'must be a number',
      'body.lineItems.0.name': 'Required.',
      'body.lineItems.0.quantity': expect.stringMatching(/^must be (at least 0|greater than 0)$/),
      'body.stageId': 'must be a string',
    });
    for (const e of res.body.errors) expect(e.message).not.toMatch(/Invalid input|expected .*, received/);
    const list = await call('GET', '/v1/leads?limit=1000&order=up', { key: t.ownerKey });
    expectValidation(list, 'query.limit', 'query.order');
    expect(list.body.errors.map((e: { message: string }) => e.message).sort()).toEqual([
      'must be at most 100',
      'must be one of: asc, desc',
    ]);
  });
});
