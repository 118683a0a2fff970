import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newTenant } from './api-client';

// A read answers what a write answers; a richer view is asked for with ?include= (README, "The
// OpenAPI document"). The deal's card is pinned in records/links.test.ts.

describe('one shape per resource across verbs', () => {
  it('GET /v1/admin/tenants/{id} answers the Tenant that PATCH answers; its usage only with ?include=usage', async () => {
    const t = await newTenant('Shape tenant');
    const patched = expectStatus(
      await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { seats: 3 } }),
      200,
    );
    const plain = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}`, { key: adminKey() }), 200);
    expect(plain.body).toEqual(patched.body);
    expect(plain.headers.get('etag')).toBe(patched.headers.get('etag'));
    const view = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}?include=usage`, { key: adminKey() }), 200);
    expect(view.body).toEqual({ ...patched.body, usage: expect.objectContaining({ usedBytes: 0 }) });
    const bad = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}?include=secrets`, { key: adminKey() }), 400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.include' })]);
  });

  it('a template save answers the Template a read answers, with the save warnings', async () => {
    const t = await newTenant('Shape templates');
    const made = expectStatus(
      await call('POST', '/v1/templates', { key: t.ownerKey, body: { fromBuiltin: 'offer', name: 'Our offer' } }),
      201,
    );
    const saved = expectStatus(
      await call('PATCH', `/v1/templates/${made.body.id}`, {
        key: t.ownerKey,
        body: { subject: 'Offer {{nosuchthing}}' },
      }),
      200,
    );
    expect(saved.body.warnings.length).toBeGreaterThan(0);
    const read = expectStatus(await call('GET', `/v1/templates/${made.body.id}`, { key: t.ownerKey }), 200);
    const { warnings: _w, ...template } = saved.body;
    expect(read.body).toEqual(template);
  });
});
