import { secret } from '#config';
import { DomainError, forbidden } from '#core/errors';
import { authenticateTenantKey, bearerToken, isAdminKey } from '#core/tenancy/authenticate';
import { roleAtLeast } from '#core/tenancy/caller';
import { logger } from '#observability/logger';
import type { ApiMiddleware, ApiRequest } from '#http/request-state';
import { isMutating, type Route } from '#http/route';
import { parseKeySecret } from '#core/tenancy/key-secret';
import type { RequestDeps } from '#core/platform/request-ports';
import type { TenancyStore } from '#core/tenancy/ports';

function prefetchFor(
  prefetchRecord: RequestDeps['prefetchRecord'],
  route: Route,
  pathParameters: Record<string, string | undefined> | undefined,
  token: string,
): void {
  const claimedTenant = parseKeySecret(token)?.tenantId;
  const params = route.prefetch && route.params?.safeParse(pathParameters ?? {});
  if (claimedTenant && params?.success) prefetchRecord(claimedTenant, route.prefetch!(params.data));
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
export const authenticate = (tenancy: TenancyStore, prefetchRecord: RequestDeps['prefetchRecord']): ApiMiddleware => ({
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
    prefetchFor(prefetchRecord, route, request.event.pathParameters, token);
    const caller = await authenticateTenantKey(tenancy, token);
    const needed = route.role ?? (isMutating(route.method) ? 'member' : 'viewer');
    if (!roleAtLeast(caller.role, needed)) forbidden(`This needs the ${needed} role; the key has ${caller.role}.`);
    state.caller = caller;
    logger.appendKeys({ tenantId: caller.tenantId, userId: caller.userId });
  },
});
