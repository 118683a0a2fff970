import { inject } from 'vitest';
import { assertDocumented } from '#test/contract/checked-responses';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls the local API the way a client does: real HTTP, JSON in and out; every response is checked against the OpenAPI document. */
export async function call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${inject('apiUrl')}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* non-JSON bodies stay text */ }
  await assertDocumented({ method, path, status: res.status, headers: res.headers, body: parsed });
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export const adminKey = () => inject('adminKey');

export interface TestTenant {
  id: string;
  ownerKey: string;
  ownerUserId: string;
}

export async function newTenant(name = 'Acme', plan = 'standard', seats = 5): Promise<TestTenant> {
  const res = await call('POST', '/v1/admin/tenants', { key: adminKey(), body: { name, plan, seats } });
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.tenant.id, ownerKey: res.body.apiKey.secret, ownerUserId: res.body.apiKey.userId };
}

export async function newKey(tenant: TestTenant, role: string, userId = `user-${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  const res = await call('POST', '/v1/api-keys', { key: tenant.ownerKey, body: { name: `${role} key`, role, userId } });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.secret;
}
