import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';
import { nextMillisecondAfter } from './records/helpers';

describe('tenant API keys', () => {
  it('creates a key whose secret is shown once and never listed', async () => {
    const t = await newTenant();
    const created = await call('POST', '/v1/api-keys', {
      key: t.ownerKey,
      body: { name: 'CI', role: 'member', userId: 'alice' },
    });
    expectStatus(created, 201);
    expect(created.body).toMatchObject({ name: 'CI', role: 'member', userId: 'alice' });
    expect(created.body.secret).toMatch(/^dsk\./);
    const list = await call('GET', '/v1/api-keys', { key: t.ownerKey });
    expectStatus(list, 200);
    expect(list.body.items.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret.split('.')[3]);
    expect(list.body.items.every((k: object) => !('secret' in k) && !('hash' in k))).toBe(true);
  });

  it('revokes a key at once', async () => {
    const t = await newTenant();
    const secret = await newKey(t, 'member');
    expectStatus(await call('GET', '/v1/tenant', { key: secret }), 200);
    const id = secret.split('.')[2];
    expectStatus(await call('DELETE', `/v1/api-keys/${id}`, { key: t.ownerKey }), 204);
    const after = await call('GET', '/v1/tenant', { key: secret });
    expectStatus(after, 401);
    expect(after.body.detail).toMatch(/revoked/);
    expectStatus(await call('DELETE', `/v1/api-keys/${id}`, { key: t.ownerKey }), 404);
  });

  it('answers 401 without a key, with an unknown key and with a tampered key', async () => {
    const t = await newTenant();
    expectStatus(await call('GET', '/v1/tenant'), 401);
    expectStatus(await call('GET', '/v1/tenant', { key: 'nonsense' }), 401);
    const tampered = t.ownerKey.slice(0, -2) + (t.ownerKey.endsWith('A') ? 'BB' : 'AA');
    const res = await call('GET', '/v1/tenant', { key: tampered });
    expectStatus(res, 401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('stops accepting a key once it has expired', async () => {
    const t = await newTenant();
    const soon = new Date(Date.now() + 1500).toISOString();
    const created = await call('POST', '/v1/api-keys', {
      key: t.ownerKey,
      body: { name: 'short', role: 'viewer', userId: 'temp', expiresAt: soon },
    });
    expectStatus(created, 201);
    expect(created.body.expiresAt).toBe(soon);
    expectStatus(await call('GET', '/v1/tenant', { key: created.body.secret }), 200);
    await nextMillisecondAfter(soon); // the 1.5 s lead only covers creating and using the key on a loaded machine
    const expired = await call('GET', '/v1/tenant', { key: created.body.secret });
    expectStatus(expired, 401);
    expect(expired.body.detail).toMatch(/expired/);
    const past = await call('POST', '/v1/api-keys', {
      key: t.ownerKey,
      body: { name: 'x', role: 'viewer', userId: 'u', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expectStatus(past, 400);
  });

  it("refuses another tenant's key id with 404", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const aKey = await newKey(a, 'member');
    const res = await call('DELETE', `/v1/api-keys/${aKey.split('.')[2]}`, { key: b.ownerKey });
    expectStatus(res, 404);
    expectStatus(await call('GET', '/v1/tenant', { key: aKey }), 200);
  });

  it('stops an admin from minting an owner key and a viewer from writing', async () => {
    const t = await newTenant();
    const admin = await newKey(t, 'admin');
    expectStatus(
      await call('POST', '/v1/api-keys', { key: admin, body: { name: 'x', role: 'owner', userId: 'u' } }),
      403,
    );
    const viewer = await newKey(t, 'viewer');
    expectStatus(
      await call('POST', '/v1/api-keys', { key: viewer, body: { name: 'x', role: 'viewer', userId: 'u' } }),
      403,
    );
  });
});
