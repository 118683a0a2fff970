import type { Route } from '#http/route';
import { apiFunctions, type ApiFunctionId, type ApiFunctionSpec } from '#infra/catalog';
import { fromRoot } from '#infra/constructs/project';

// The one route table: the CDK stack makes these API Gateway routes and the local gateway serves
// them, each sent to its capability's Lambda. Built from the catalog, which names each API
// function's routes module, so a new capability adds a catalog entry and no line here.

async function routesOf(spec: ApiFunctionSpec): Promise<Route[]> {
  const module = (await import(fromRoot(spec.routes))) as { default?: Route[] };
  if (!Array.isArray(module.default))
    throw new Error(`${spec.routes} (routes of ${spec.id} in infra/catalog.ts) has no default export of routes.`);
  return module.default;
}

export const routesByFunction = Object.fromEntries(
  await Promise.all(apiFunctions.map(async (spec) => [spec.id, await routesOf(spec)] as const)),
) as Record<ApiFunctionId, Route[]>;

/** Where API Gateway sends unknown paths: that Lambda answers 404 as problem+json. */
export const DEFAULT_ROUTE_FUNCTION: ApiFunctionId = 'platform-api';

/** [function id, its routes] pairs, typed (Object.entries would widen the ids to string). */
export const routeEntries = (): Array<[ApiFunctionId, Route[]]> =>
  Object.entries(routesByFunction) as Array<[ApiFunctionId, Route[]]>;

export const allRoutes = (): Route[] => routeEntries().flatMap(([, routes]) => routes);

/** "ANY <path>" per path, so a wrong method reaches the Lambda and gets 405, not API Gateway's 404. */
export function anyMethodRoutes(): Array<{ path: string; functionId: ApiFunctionId }> {
  const seen = new Map<string, ApiFunctionId>();
  for (const [functionId, routes] of routeEntries()) for (const r of routes) seen.set(r.path, functionId);
  return [...seen].map(([path, functionId]) => ({ path, functionId }));
}
