import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';

// A record is read in the same round trip as the API key that authenticates the request; these
// pin down that nothing read that way ever reaches a caller the key did not authenticate.
describe('records read along with authentication', () => {
  it('gives a forged key claiming the tenant 401 and none of the record', async () => {
    const a = await newTenant();
    const contact = await call('POST', '/v1/contacts', {
      key: a.ownerKey,
      body: { firstName: 'Secret', lastName: 'Agent' },
    });
    const [prefix, tenantId, keyId] = a.ownerKey.split('.');
    const forged = `${prefix}.${tenantId}.${keyId}.${'A'.repeat(43)}`;
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const res = await call(method, `/v1/contacts/${contact.body.id}`, {
        key: forged,
        body: method === 'PATCH' ? { position: 'x' } : undefined,
      });
      expectStatus(res, 401);
      expect(JSON.stringify(res.body)).not.toContain('Secret');
    }
    const after = await call('GET', `/v1/contacts/${contact.body.id}`, { key: a.ownerKey });
    expect(after.body).toMatchObject({ firstName: 'Secret', version: 1 });
  });

  it("gives another tenant's valid key 404 for the record", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const contact = await call('POST', '/v1/contacts', {
      key: a.ownerKey,
      body: { firstName: 'Only', lastName: 'Mine' },
    });
    const res = await call('GET', `/v1/contacts/${contact.body.id}`, { key: b.ownerKey });
    expectStatus(res, 404);
    expect(JSON.stringify(res.body)).not.toContain('Only');
  });

  it('gives a revoked key 401 even for a record it could read before', async () => {
    const a = await newTenant();
    const viewer = await newKey(a, 'viewer');
    const contact = await call('POST', '/v1/contacts', { key: a.ownerKey, body: { lastName: 'Visible' } });
    expectStatus(await call('GET', `/v1/contacts/${contact.body.id}`, { key: viewer }), 200);
    await call('DELETE', `/v1/api-keys/${viewer.split('.')[2]}`, { key: a.ownerKey });
    const res = await call('GET', `/v1/contacts/${contact.body.id}`, { key: viewer });
    expectStatus(res, 401);
    expect(JSON.stringify(res.body)).not.toContain('Visible');
  });

  it('re-reads a record after a concurrent change instead of reusing the early read', async () => {
    const a = await newTenant();
    const contact = await call('POST', '/v1/contacts', { key: a.ownerKey, body: { lastName: 'Racer' } });
    const results = await Promise.all(
      ['One', 'Two', 'Three'].map((position) =>
        call('PATCH', `/v1/contacts/${contact.body.id}`, { key: a.ownerKey, body: { position } }),
      ),
    );
    for (const r of results) expectStatus(r, 200);
    const final = await call('GET', `/v1/contacts/${contact.body.id}`, { key: a.ownerKey });
    expect(final.body.version).toBe(4);
    const timeline = await call('GET', `/v1/contacts/${contact.body.id}/timeline`, { key: a.ownerKey });
    expect(timeline.body.items).toHaveLength(4);
  });
});
