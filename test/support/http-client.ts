import { AssertionError } from 'node:assert';

// The one HTTP client of tests and benches: real HTTP, JSON in and out, against any base URL.
// No vitest import here, so benches (plain tsx) use it too; the integration tests wrap it with
// their runtime's URL and the OpenAPI check (test/integration/api-client.ts).

export interface ApiResponse<T = any> {
  /** The request this answers, so a failed assertion can say which call it was. */
  method: string;
  path: string;
  status: number;
  headers: Headers;
  body: T;
  /** Client-side time from sending the request to having read the whole response body. */
  ms: number;
}

export interface RequestOptions {
  key?: string;
  body?: unknown;
  /** Bytes as they are (a body that is not UTF-8), or text. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | Uint8Array | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const started = performance.now();
  // manual: a download's 302 (to a presigned URL) is the API's answer, to be checked as such.
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* non-JSON bodies stay text */
  }
  return { method, path, status: res.status, headers: res.headers, body: parsed as T, ms };
}

// A failure message has to stay readable when the body is a 10 MB echo or a huge list.
const BODY_LIMIT = 2_000;

function shownBody(body: unknown): string {
  if (body === undefined || body === '') return '(no body)';
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}… (${text.length} characters)` : text;
}

/** `POST /v1/deals answered 400 (x-request-id …): { pretty body }`, for failure messages. */
export function describeResponse(res: ApiResponse): string {
  const requestId = res.headers.get('x-request-id');
  const path = res.path.length > 200 ? `${res.path.slice(0, 200)}…` : res.path;
  return `${res.method} ${path}, got ${res.status}${requestId ? ` (x-request-id ${requestId})` : ''}: ${shownBody(res.body)}`;
}

/**
 * Asserts the status and, when it differs, fails with the request and the problem body, so the
 * failure says why (`expected 201 from POST /v1/deals, got 400: { "errors": [...] }`), not only
 * `expected 400 to be 201`. Several statuses mean "any of these". Returns the response for chaining.
 */
export function expectStatus<T>(
  res: ApiResponse<T>,
  expected: number | readonly number[],
  context?: string,
): ApiResponse<T> {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  if (allowed.includes(res.status)) return res;
  const wanted = allowed.join(' or ');
  throw new AssertionError({
    message: `${context ? `${context}: ` : ''}expected ${wanted} from ${describeResponse(res)}`,
    actual: res.status,
    expected: typeof expected === 'number' ? expected : allowed,
    operator: 'strictEqual',
  });
}
