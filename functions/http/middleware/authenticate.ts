import { secret } from '#config';
import { DomainError, forbidden } from '#core/errors';
import { authenticateTenantKey, bearerToken, isAdminKey } from '#core/tenancy/authenticate';
import { roleAtLeast } from '#core/tenancy/caller';
import { logger } from '#observability/logger';
import type { ApiMiddleware, ApiRequest } from '#http/request-state';
import { isMutating, type Route } from '#http/route';
import { MAX_JSON_BYTES, rawBody } from '#http/request';
import { parseKeySecret } from '#core/tenancy/key-secret';
import type { RequestDeps } from '#core/platform/request-ports';
import type { TenancyStore } from '#core/tenancy/ports';

/** The body as the route's schema reads it, or undefined (the route's own parse answers a bad one). */
function parsedBody(route: Route, event: ApiRequest['event']): unknown {
  try {
    const raw = rawBody(event);
    if (!raw || raw.length > MAX_JSON_BYTES) return undefined;
    const body = route.body?.safeParse(JSON.parse(raw.toString('utf8')));
    return body?.success ? body.data : undefined;
  } catch {
    return undefined;
  }
}

function prefetchFor(prefetch: RequestDeps['prefetch'], route: Route, event: ApiRequest['event'], token: string): void {
  const claimedTenant = parseKeySecret(token)?.tenantId;
  if (!claimedTenant) return;
  const params = route.prefetch && route.params?.safeParse(event.pathParameters ?? {});
  if (params?.success) prefetch(claimedTenant, { records: [route.prefetch!(params.data)] });
  const body = route.prefetchBody && parsedBody(route, event);
  if (body) prefetch(claimedTenant, route.prefetchBody!(body as never));
}

// API Gateway joins repeated headers with commas (the local gateway does the same), and no key
// contains one: two credentials are refused outright rather than silently picking one.
function singleAuthorization(authorization: string | undefined): string | undefined {
  if (authorization?.includes(',')) {
    throw new DomainError('VALIDATION', 'Send exactly one Authorization header.', [
      { path: 'headers.authorization', message: 'More than one value.' },
    ]);
  }
  return authorization;
}

/** Admin routes take only the platform key; tenant routes a tenant key with enough role. */
export const authenticate = (tenancy: TenancyStore, prefetch: RequestDeps['prefetch']): ApiMiddleware => ({
  before: async (request: ApiRequest) => {
    const state = request.context.dossier;
    const route = state.route!;
    if (route.auth === 'public') return;
    const token = bearerToken(singleAuthorization(state.headers.authorization));
    const admin = isAdminKey(token, secret('ADMIN_KEY_SHA256'));
    if (route.auth === 'admin') {
      if (admin) return void (state.caller = { kind: 'admin' });
      await authenticateTenantKey(tenancy, token); // 401 for a bad key, before 403
      forbidden('Only the platform admin key may use admin routes.');
    }
    if (admin) forbidden('The platform admin key acts on no tenant; use a tenant API key.');
    prefetchFor(prefetch, route, request.event, token);
    const caller = await authenticateTenantKey(tenancy, token);
    const needed = route.role ?? (isMutating(route.method) ? 'member' : 'viewer');
    if (!roleAtLeast(caller.role, needed)) forbidden(`This needs the ${needed} role; the key has ${caller.role}.`);
    state.caller = caller;
    logger.appendKeys({ tenantId: caller.tenantId, userId: caller.userId });
  },
});
