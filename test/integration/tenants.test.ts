import { describe, expect, it } from 'vitest';
import { adminKey, call, newKey, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';

describe('platform admin: tenants', () => {
  it('creates a tenant with a one-time owner key that works at once', async () => {
    const res = await call('POST', '/v1/admin/tenants', {
      key: adminKey(),
      body: { name: 'Globex', plan: 'free', seats: 3 },
    });
    expectStatus(res, 201);
    expect(res.body.tenant).toMatchObject({ name: 'Globex', plan: 'free', seats: 3, status: 'active', version: 1 });
    expect(res.body.tenant.id).toMatch(/^ten_[0-9A-Z]{26}$/);
    expect(res.body.apiKey).toMatchObject({ role: 'owner', name: 'Owner key' });
    expect(res.body.apiKey.secret).toMatch(/^dsk\./);
    expect(res.headers.get('location')).toBe(`/v1/admin/tenants/${res.body.tenant.id}`);
    const me = await call('GET', '/v1/tenant', { key: res.body.apiKey.secret });
    expect(me.body.id).toBe(res.body.tenant.id);
  });

  it('gets and lists tenants with an opaque cursor', async () => {
    const a = await newTenant('List A');
    const b = await newTenant('List B');
    const got = await call('GET', `/v1/admin/tenants/${a.id}`, { key: adminKey() });
    expectStatus(got, 200);
    expect(got.body.name).toBe('List A');
    const first = await call('GET', '/v1/admin/tenants?limit=1', { key: adminKey() });
    expectStatus(first, 200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0].id).toBe(b.id); // newest first
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await call('GET', `/v1/admin/tenants?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, {
      key: adminKey(),
    });
    expect(second.body.items[0].id).toBe(a.id);
  });

  it('changes the plan, records it in the audit trail and honours If-Match', async () => {
    const t = await newTenant('Planned', 'free');
    const changed = await call('PATCH', `/v1/admin/tenants/${t.id}`, {
      key: adminKey(),
      body: { plan: 'extended', seats: 9 },
      headers: { 'if-match': '"1"' },
    });
    expectStatus(changed, 200);
    expect(changed.body).toMatchObject({ plan: 'extended', seats: 9, version: 2 });
    expect(changed.headers.get('etag')).toBe('"2"');
    const stale = await call('PATCH', `/v1/admin/tenants/${t.id}`, {
      key: adminKey(),
      body: { plan: 'free' },
      headers: { 'if-match': '"1"' },
    });
    expectStatus(stale, 412);
    const audit = await call('GET', `/v1/admin/tenants/${t.id}/audit`, { key: adminKey() });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].changes).toEqual({ plan: { from: 'free', to: 'extended' }, seats: { from: 5, to: 9 } });
    const now = await call('GET', '/v1/tenant', { key: t.ownerKey });
    expect(now.body.plan).toBe('extended');
  });

  it('locks out a suspended tenant with 403 and lets it back in when reactivated', async () => {
    const t = await newTenant('Suspended Co');
    await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { status: 'suspended' } });
    const denied = await call('GET', '/v1/tenant', { key: t.ownerKey });
    expectStatus(denied, 403);
    await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { status: 'active' } });
    expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200);
  });

  it('refuses tenant keys on admin routes and the admin key on tenant routes', async () => {
    const t = await newTenant();
    expectStatus(await call('GET', '/v1/admin/tenants', { key: t.ownerKey }), 403);
    expectStatus(await call('POST', '/v1/admin/tenants', { key: t.ownerKey, body: { name: 'x' } }), 403);
    expectStatus(await call('GET', '/v1/tenant', { key: adminKey() }), 403);
  });

  it('answers 404 for an unknown tenant id and 400 for a malformed one', async () => {
    expectStatus(await call('GET', '/v1/admin/tenants/ten_01JAAAAAAAAAAAAAAAAAAAAAAA', { key: adminKey() }), 404);
    const bad = await call('GET', '/v1/admin/tenants/nope', { key: adminKey() });
    expectStatus(bad, 400);
    expect(bad.body.errors[0].path).toBe('params.id');
  });

  it('lists every invalid field of a tenant body at once', async () => {
    const res = await call('POST', '/v1/admin/tenants', {
      key: adminKey(),
      body: { name: '', plan: 'gold', seats: 0, colour: 'red' },
    });
    expectStatus(res, 400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.colour',
      'body.name',
      'body.plan',
      'body.seats',
    ]);
  });

  it('runs the deep health workflow through Step Functions', async () => {
    const res = await call('POST', '/v1/admin/health-checks', { key: adminKey() });
    expectStatus(res, 200);
    expect(res.body.status).toBe('healthy');
    expect(res.body.tableMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps a member from creating keys', async () => {
    const t = await newTenant();
    const member = await newKey(t, 'member');
    expectStatus(
      await call('POST', '/v1/api-keys', { key: member, body: { name: 'x', role: 'viewer', userId: 'u1' } }),
      403,
    );
  });
});
