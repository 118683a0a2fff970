import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '#core/errors';
import { sha256 } from '#core/tenancy/key-secret';
import type { IdempotencyStore } from '#core/platform/request-ports';

// Why not Powertools' idempotency utility: with one shared table its records live under a static
// partition key, and the design requires the tenant id to lead every partition key. This keeps
// the same contract (24 h, 422 on a different body, 503 + Retry-After while in flight) with one conditional put.

// A claim is locked for the longest a request can run (the API Lambdas' 29 s timeout) plus a
// second of clock skew: past that its owner cannot be in flight, so the claim is orphaned (its
// owner crashed or could not release it during a store outage) and the next request takes it over.
const LOCK_SECONDS = 30;
const MAX_STORED_BODY = 300 * 1024;

export interface IdempotencyClaim {
  scope: string;
  keyHash: string;
}

/** Returns a replayed response, or the claim to settle after the handler ran. */
export async function beginIdempotent(
  store: IdempotencyStore,
  scope: string,
  idempotencyKey: string,
  routeKey: string,
  body: string,
): Promise<APIGatewayProxyStructuredResultV2 | IdempotencyClaim> {
  if (idempotencyKey.length < 1 || idempotencyKey.length > 255) {
    throw new DomainError('VALIDATION', 'Idempotency-Key must be 1 to 255 characters.', [
      { path: 'headers.idempotency-key', message: 'Invalid length.' },
    ]);
  }
  const keyHash = sha256(idempotencyKey);
  const requestHash = sha256(`${routeKey}\n${body}`);
  const existing = await store.claim(scope, keyHash, requestHash, LOCK_SECONDS);
  if (!existing) return { scope, keyHash };
  if (existing.requestHash !== requestHash) {
    throw new DomainError(
      'IDEMPOTENCY_MISMATCH',
      'This Idempotency-Key was used with a different request; use a new key.',
    );
  }
  if (existing.state === 'in-flight' || !existing.response) {
    // Running, or cut off by an outage before it could release the key: the two look the same, and
    // only once the lock lapses can the retry run. So 503 with Retry-After covering the lock, not 409.
    const secondsLeft = Math.max(1, existing.lockedUntil - Math.floor(Date.now() / 1000) + 1);
    throw new DomainError(
      'IDEMPOTENCY_IN_FLIGHT',
      `A request with this Idempotency-Key is still being processed or was interrupted; retry in ${secondsLeft} s.`,
      [],
      { 'retry-after': String(secondsLeft) },
    );
  }
  const { status, body: storedBody, headers } = existing.response;
  return { statusCode: status, body: storedBody, headers: { ...headers, 'idempotent-replayed': 'true' } };
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
