import type { Caller } from '#core/tenancy/caller';
import { ULID } from '#core/ids';
import { sha256 } from '#core/tenancy/key-secret';

/** The path parameter that names the tenant on public routes (e.g. form intake): it leads the key. */
export const TENANT_PARAM = 'tenantId';
const TENANT_ID = new RegExp(`^ten_${ULID}$`);

/**
 * Whose Idempotency-Keys may collide. Per API key for tenants: a replay must never hand one
 * user's response to another. Public callers have no key, so per addressed resource (route and
 * path parameters, e.g. tenant + form): two senders reusing a key on different forms or tenants
 * stay apart. The tenant id, when the path names one, leads the scope and so the table key.
 */
export function idempotencyScope(
  caller: Caller,
  routeKey: string,
  pathParameters: Record<string, string | undefined> = {},
): string {
  if (caller.kind === 'tenant') return `${caller.tenantId}#${caller.keyId}`;
  if (caller.kind === 'admin') return 'PLATFORM';
  const params = Object.keys(pathParameters)
    .sort()
    .map((name) => [name, pathParameters[name] ?? '']);
  // Hashed: path values are client input of any length; the key stays short and free of `#`.
  const resource = sha256(JSON.stringify([routeKey, params]));
  // Only a well-formed id may lead: the value is unvalidated input here (the route validates it later).
  const tenantId = pathParameters[TENANT_PARAM];
  return tenantId && TENANT_ID.test(tenantId) ? `${tenantId}#PUBLIC#${resource}` : `PUBLIC#${resource}`;
}
