import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '#core/errors';
import { canonicalJson } from '#core/request-hash';
import { sameRequestHash, versionedHash } from '#core/request-hash';
import { sha256 } from '#core/tenancy/key-secret';
import type { IdempotencyStore } from '#core/platform/request-ports';

// Why not Powertools' idempotency utility: with one shared table its records live under a static
// partition key, and the design requires the tenant id to lead every partition key (see
// docs/decisions/0002-own-idempotency.md). This keeps
// the same contract (24 h, 422 on a different body, 409 + Retry-After while in flight) with one conditional put.

// A claim is locked for the longest a request can run (the API Lambdas' 29 s timeout) plus a
// second of clock skew: past that its owner cannot be in flight, so the claim is orphaned (its
// owner crashed or could not release it during a store outage) and the next request takes it over.
const LOCK_SECONDS = 30;
const MAX_STORED_BODY = 300 * 1024;
// A duplicate that arrives while the first request runs waits here, about 2 s in all, for that
// request's answer: most writes finish well within it, so the client gets the result at once
// instead of a retry loop. Each look is the same conditional put (it also takes a key the first
// request released on failure); past the wait the answer is 409 with a short Retry-After.
const POLL_MS = [100, 150, 250, 350, 500, 650];
const RETRY_AFTER_SECONDS = 1;

export interface IdempotencyClaim {
  scope: string;
  keyHash: string;
}

/** What makes two requests "the same request" for one Idempotency-Key. */
export interface IdempotentRequest {
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  /** The body as sent (UTF-8). */
  body: string;
}

/**
 * The request compared by meaning: a JSON body parsed and written canonically (keys sorted, no
 * whitespace), query parameters sorted. An absent body is `{}`, as the routes take it. A body that is
 * not JSON (form intake's urlencoded and multipart) is compared as sent.
 */
export function requestHash({ routeKey, rawPath, rawQueryString, body }: IdempotentRequest): string {
  const query = [...new URLSearchParams(rawQueryString)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return versionedHash([routeKey, rawPath, query, canonicalBody(body)]);
}

function canonicalBody(body: string): string[] {
  if (body.trim() === '') return ['json', '{}'];
  try {
    return ['json', canonicalJson(JSON.parse(body))];
  } catch {
    return ['raw', body];
  }
}

/** The hash stored before `v2:` (route key, path and query, then the body's bytes), compared until it expires (24 h). */
const legacyHash = ({ routeKey, rawPath, rawQueryString, body }: IdempotentRequest) =>
  sha256(`${routeKey} ${rawPath}?${rawQueryString}\n${body}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Returns a replayed response, or the claim to settle after the handler ran. */
export async function beginIdempotent(
  store: IdempotencyStore,
  scope: string,
  idempotencyKey: string,
  request: IdempotentRequest,
): Promise<APIGatewayProxyStructuredResultV2 | IdempotencyClaim> {
  if (idempotencyKey.length < 1 || idempotencyKey.length > 255) {
    throw new DomainError('VALIDATION', 'Idempotency-Key must be 1 to 255 characters.', [
      { path: 'headers.idempotency-key', message: 'Invalid length.' },
    ]);
  }
  const keyHash = sha256(idempotencyKey);
  const hash = requestHash(request);
  for (let look = 0; ; look++) {
    const existing = await store.claim(scope, keyHash, hash, LOCK_SECONDS);
    if (!existing) return { scope, keyHash };
    if (!sameRequestHash(existing.requestHash, hash, () => legacyHash(request))) {
      throw new DomainError(
        'IDEMPOTENCY_MISMATCH',
        'This Idempotency-Key was used with a different request; use a new key.',
      );
    }
    if (existing.state === 'done' && existing.response) {
      const { status, body: storedBody, headers } = existing.response;
      return { statusCode: status, body: storedBody, headers: { ...headers, 'idempotent-replayed': 'true' } };
    }
    // Still running, or cut off by an outage before it could release the key (the two look the
    // same until the lock lapses, and then the next request takes the claim over).
    if (look === POLL_MS.length)
      throw new DomainError(
        'IDEMPOTENCY_IN_FLIGHT',
        `A request with this Idempotency-Key is still being processed; retry in ${RETRY_AFTER_SECONDS} s to get its answer.`,
        [],
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
      );
    await sleep(POLL_MS[look]);
  }
}

/**
 * Removes the fields at `paths` (dot paths the route declares, e.g. an API key secret shown once
 * and stored nowhere), and only there: a custom field that happens to be named `secret` stays.
 */
function without(body: string, paths: string[]): string {
  if (!paths.length) return body;
  const parsed: unknown = JSON.parse(body);
  for (const path of paths) {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), parsed);
    if (isObject(parent)) delete parent[keys[keys.length - 1]];
  }
  return JSON.stringify(parsed);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export async function settleIdempotent(
  store: IdempotencyStore,
  claimed: IdempotencyClaim,
  response: APIGatewayProxyStructuredResultV2,
  notReplayed: string[] = [],
): Promise<void> {
  const status = response.statusCode ?? 200;
  const body = typeof response.body === 'string' ? response.body : undefined;
  if (status >= 400 || (body?.length ?? 0) > MAX_STORED_BODY) return store.release(claimed.scope, claimed.keyHash);
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {})
      .filter(([k]) => k !== 'x-request-id')
      .map(([k, v]) => [k, String(v)]),
  );
  await store.complete(claimed.scope, claimed.keyHash, { status, body: body && without(body, notReplayed), headers });
}
