import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant, type TestTenant } from '../api-client';
import { newForm, postSigned, uniqueEmail } from './helpers';

let tenant: TestTenant;

describe('forms', async () => {
  tenant = await newTenant('Intake forms');

  it('creates a form with defaults, its intake URL, and a secret shown only once', async () => {
    const res = expectStatus(
      await call('POST', '/v1/forms', { key: tenant.ownerKey, body: { name: 'Demo', provider: 'typeform' } }),
      201,
    );
    expect(res.body).toMatchObject({
      name: 'Demo',
      provider: 'typeform',
      mapping: {},
      fixedValues: {},
      allowedOrigins: [],
      dedupeWindowSeconds: 600,
      enabled: true,
      rateLimits: { perFormPerMinute: 600, perIpPerMinute: 30 },
      previousSecretExpiresAt: null,
      version: 1,
    });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(new URL(res.body.intakeUrl).pathname).toBe(`/v1/intake/${tenant.id}/${res.body.id}`);
    const read = expectStatus(await call('GET', `/v1/forms/${res.body.id}`, { key: tenant.ownerKey }), 200);
    expect(read.body.secret).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(res.body.secret);
    const list = expectStatus(await call('GET', '/v1/forms', { key: tenant.ownerKey }), 200).body.items;
    expect(list.map((f: { id: string }) => f.id)).toContain(res.body.id);
  });

  it('changes a form with If-Match, 412 on a stale version, null clears an optional setting', async () => {
    const form = await newForm(tenant, { thankYouUrl: 'https://example.com/thanks' });
    const changed = await call('PATCH', `/v1/forms/${form.id}`, {
      key: tenant.ownerKey,
      body: { name: 'Renamed', thankYouUrl: null },
      headers: { 'if-match': '"1"' },
    });
    expectStatus(changed, 200);
    expect(changed.body).toMatchObject({ name: 'Renamed', version: 2 });
    expect(changed.body.thankYouUrl).toBeUndefined();
    const stale = await call('PATCH', `/v1/forms/${form.id}`, {
      key: tenant.ownerKey,
      body: { name: 'Again' },
      headers: { 'if-match': '"1"' },
    });
    expectStatus(stale, 412);
  });

  it('refuses mappings, required fields and fixed values that name no lead field or do not fit it', async () => {
    const res = await call('POST', '/v1/forms', {
      key: tenant.ownerKey,
      body: {
        name: 'Bad',
        provider: 'standard',
        mapping: { a: 'shoeSize' },
        requiredFields: ['nope'],
        fixedValues: { source: 'web', stageId: 'stg_01JZZZZZZZZZZZZZZZZZZZZZZZ', colour: 'red' },
      },
    });
    expectStatus(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual([
      'body.fixedValues.colour',
      'body.fixedValues.stageId',
      'body.mapping.a',
      'body.requiredFields.0',
    ]);
    const stage = await call('POST', '/v1/forms', {
      key: tenant.ownerKey,
      body: { name: 'Bad stage', provider: 'standard', fixedValues: { stageId: 'stg_01JZZZZZZZZZZZZZZZZZZZZZZZ' } },
    });
    expectStatus(stage, 400);
    expect(stage.body.errors[0].path).toBe('body.fixedValues.stageId');
    const origin = await call('POST', '/v1/forms', {
      key: tenant.ownerKey,
      body: { name: 'Bad origin', provider: 'standard', allowedOrigins: ['https://example.com/path'] },
    });
    expectStatus(origin, 400);
    expect(origin.body.errors[0].path).toBe('body.allowedOrigins.0');
  });

  it('lets only admins manage forms; viewers read them', async () => {
    const form = await newForm(tenant);
    const viewer = await newKey(tenant, 'viewer');
    const member = await newKey(tenant, 'member');
    expectStatus(await call('POST', '/v1/forms', { key: member, body: { name: 'x', provider: 'standard' } }), 403);
    expectStatus(await call('POST', `/v1/forms/${form.id}/rotate-secret`, { key: member }), 403);
    expectStatus(await call('DELETE', `/v1/forms/${form.id}`, { key: viewer }), 403);
    expectStatus(await call('GET', `/v1/forms/${form.id}`, { key: viewer }), 200);
    expectStatus(await call('GET', `/v1/forms/${form.id}/submissions`, { key: viewer }), 200);
  });

  it("keeps another tenant's forms and submission logs out of reach (404)", async () => {
    const form = await newForm(tenant);
    const other = await newTenant('Other intake');
    const key = other.ownerKey;
    expectStatus(await call('GET', `/v1/forms/${form.id}`, { key }), 404);
    expectStatus(await call('PATCH', `/v1/forms/${form.id}`, { key, body: { name: 'x' } }), 404);
    expectStatus(await call('DELETE', `/v1/forms/${form.id}`, { key }), 404);
    expectStatus(await call('POST', `/v1/forms/${form.id}/rotate-secret`, { key }), 404);
    expectStatus(await call('GET', `/v1/forms/${form.id}/submissions`, { key }), 404);
    expectStatus(
      await call('POST', `/v1/forms/${form.id}/submissions/sub_01JZZZZZZZZZZZZZZZZZZZZZZZ/release`, { key }),
      404,
    );
    const theirs = expectStatus(await call('GET', '/v1/forms', { key }), 200).body.items;
    expect(theirs).toEqual([]);
  });

  it('binds a submission log cursor to its status filter and its form (400 BAD_CURSOR elsewhere)', async () => {
    const form = await newForm(tenant);
    const other = await newForm(tenant);
    for (let i = 0; i < 2; i++)
      expectStatus(await postSigned(form, { email: uniqueEmail(), name: `Sender ${i}` }), 201, 'a submission');
    const log = (id: string, query: string) =>
      call('GET', `/v1/forms/${id}/submissions?${query}`, { key: tenant.ownerKey });
    const first = expectStatus(await log(form.id, 'status=accepted&limit=1'), 200).body;
    const cursor = encodeURIComponent(first.nextCursor);
    // The same query goes on, at another page size too.
    const next = expectStatus(await log(form.id, `status=accepted&limit=5&cursor=${cursor}`), 200).body;
    expect(next.items).toHaveLength(1);
    for (const [id, query] of [
      [form.id, `cursor=${cursor}`],
      [form.id, `status=spam&cursor=${cursor}`],
      [other.id, `status=accepted&cursor=${cursor}`],
    ]) {
      const refused = expectStatus(await log(id, query), 400);
      expect(refused.body.code).toBe('BAD_CURSOR');
    }
  });
});
