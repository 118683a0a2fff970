// Sequential HTTP calls through the local gateway, on the tests' client (test/support/http-client.ts)
// without the OpenAPI check, which would add its own time to every figure. fetch (undici) keeps
// the connection alive.
import { expectStatus, request, type ApiResponse } from '#test/support/http-client';

export type ApiResult<T = any> = ApiResponse<T>;

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly key?: string,
  ) {}

  withKey(key: string): Api {
    return new Api(this.baseUrl, key);
  }

  call<T = any>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    return request<T>(this.baseUrl, method, path, { key: this.key, body });
  }

  /** Like call, but a status other than `expected` is a crash: a bench must not time error pages. */
  async expect<T = any>(expected: number, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    return expectStatus(await this.call<T>(method, path, body), expected);
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
