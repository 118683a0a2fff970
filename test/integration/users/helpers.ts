import { adminKey, call, expectStatus, type TestTenant } from '../api-client';

export interface IssuedKey {
  id: string;
  secret: string;
  userId: string;
}

export async function issueKey(tenant: TestTenant, body: Record<string, unknown>): Promise<IssuedKey> {
  const res = expectStatus(
    await call('POST', '/v1/api-keys', { key: tenant.ownerKey, body: { name: 'key', role: 'member', ...body } }),
    201,
    'issuing a key',
  );
  return { id: res.body.id, secret: res.body.secret, userId: res.body.userId };
}

export async function activeUsers(tenant: TestTenant): Promise<number> {
  return expectStatus(await call('GET', '/v1/tenant', { key: tenant.ownerKey }), 200).body.activeUsers;
}

export async function setSeats(tenant: TestTenant, seats: number): Promise<void> {
  expectStatus(await call('PATCH', `/v1/admin/tenants/${tenant.id}`, { key: adminKey(), body: { seats } }), 200);
}
