import { DomainError, notFound } from '#core/errors';
import { newId } from '#core/ids';
import type { TenantCaller } from '#core/tenancy/caller';
import { lintRoute } from '#core/approvals/lint';
import { namedUsers, type ApprovalRoute, type RouteDefinition, type RouteVersion } from '#core/approvals/route';
import type { RouteInput } from '#core/approvals/route-input';
import type { ApprovalsDeps } from '#core/approvals/ports';

/** Lints a route of the right shape (its schema, RouteIn, was checked at the edge): 400 listing every problem. */
async function validRoute(deps: ApprovalsDeps, tenantId: string, input: RouteInput): Promise<RouteDefinition> {
  const def = input as RouteDefinition;
  const missing = new Set(await deps.users.missing(tenantId, namedUsers(def)));
  const problems = lintRoute(def, missing);
  if (problems.length) throw new DomainError('VALIDATION', 'The approval route is invalid.', problems);
  return def;
}

const version = (def: RouteDefinition, routeId: string, n: number, at: string, by: string): RouteVersion => ({
  ...def,
  routeId,
  version: n,
  publishedAt: at,
  publishedBy: by,
});

export async function createRoute(
  deps: ApprovalsDeps,
  caller: TenantCaller,
  input: RouteInput,
): Promise<ApprovalRoute> {
  const def = await validRoute(deps, caller.tenantId, input);
  const at = deps.clock.now().toISOString();
  const id = newId('apr');
  const route: ApprovalRoute = {
    id,
    tenantId: caller.tenantId,
    createdAt: at,
    current: version(def, id, 1, at, caller.userId),
  };
  await deps.routes.create(route);
  return route;
}

/** `PUT`: a new immutable version, current at once for new approvals; running ones keep theirs. */
export async function publishRoute(deps: ApprovalsDeps, caller: TenantCaller, id: string, input: RouteInput) {
  const route = await getRoute(deps, caller, id);
  const def = await validRoute(deps, caller.tenantId, input);
  const next = version(def, id, route.current.version + 1, deps.clock.now().toISOString(), caller.userId);
  if (!(await deps.routes.publish(route, next)))
    throw new DomainError('CONFLICT', `Route ${id} was published by another request meanwhile; read it and try again.`);
  return { ...route, current: next };
}

export async function getRoute(deps: ApprovalsDeps, caller: TenantCaller, id: string): Promise<ApprovalRoute> {
  return (await deps.routes.get(caller.tenantId, id)) ?? notFound('approval route', id);
}

export async function routeVersions(deps: ApprovalsDeps, caller: TenantCaller, id: string): Promise<RouteVersion[]> {
  await getRoute(deps, caller, id);
  return (await deps.routes.versions(caller.tenantId, id)).reverse();
}
