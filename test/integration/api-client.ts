import { inject } from 'vitest';
import { assertDocumented } from '#test/contract/checked-responses';
import { expectStatus, request, type ApiResponse, type RequestOptions } from '#test/support/http-client';

export type { ApiResponse } from '#test/support/http-client';
export { expectStatus } from '#test/support/http-client';
export type CallOptions = RequestOptions;

/** Calls the shared local API the way a client does; every response is checked against the OpenAPI document. */
export async function call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
  const res = await request<T>(inject('apiUrl'), method, path, opts);
  await assertDocumented({ method, path, status: res.status, headers: res.headers, body: res.body });
  return res;
}

export const adminKey = () => inject('adminKey');

export interface TestTenant {
  id: string;
  ownerKey: string;
  ownerUserId: string;
}

export async function newTenant(name = 'Acme', plan = 'standard', seats = 5): Promise<TestTenant> {
  const res = await call('POST', '/v1/admin/tenants', { key: adminKey(), body: { name, plan, seats } });
  expectStatus(res, 201, 'creating a tenant');
  return { id: res.body.tenant.id, ownerKey: res.body.apiKey.secret, ownerUserId: res.body.apiKey.userId };
}

export async function newKey(
  tenant: TestTenant,
  role: string,
  userId = `user-${role}-${Math.random().toString(36).slice(2, 8)}`,
): Promise<string> {
  const res = await call('POST', '/v1/api-keys', { key: tenant.ownerKey, body: { name: `${role} key`, role, userId } });
  expectStatus(res, 201, 'creating an API key');
  return res.body.secret;
}
