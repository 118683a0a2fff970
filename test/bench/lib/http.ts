// Sequential HTTP calls through the local gateway; fetch (undici) keeps the connection alive.

export interface ApiResult<T = any> {
  status: number;
  body: T;
  /** Client-side time from sending the request to having read the whole response body. */
  ms: number;
}

export class Api {
  constructor(readonly baseUrl: string, readonly key?: string) {}

  withKey(key: string): Api {
    return new Api(this.baseUrl, key);
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    const ms = performance.now() - started;
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text for the error */ }
    return { status: res.status, body: parsed as T, ms };
  }

  /** Like call, but a status other than `expected` is a crash: a bench must not time error pages. */
  async expect<T = any>(expected: number, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const res = await this.call<T>(method, path, body);
    if (res.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
    return res;
  }
}

export interface BenchTenant {
  id: string;
  key: string;
  userId: string;
}

export async function createTenant(apiUrl: string, adminKey: string, name: string): Promise<BenchTenant> {
  const admin = new Api(apiUrl, adminKey);
  const res = await admin.expect(201, 'POST', '/v1/admin/tenants', { name, plan: 'standard', seats: 5 });
  return { id: res.body.tenant.id, key: res.body.apiKey.secret, userId: res.body.apiKey.userId };
}
