import { platformRoutes } from '#http/api/platform-routes';
import { recordsRoutes } from '#http/api/records-routes';
import type { Route } from '#http/route';

// The one route table: the CDK stack makes these API Gateway routes and the local gateway
// serves them, each sent to its capability's Lambda (a function id from infra/catalog.ts).
export const routesByFunction: Record<string, Route[]> = {
  'platform-api': platformRoutes,
  'records-api': recordsRoutes,
};

/** Where API Gateway sends unknown paths: that Lambda answers 404 as problem+json. */
export const DEFAULT_ROUTE_FUNCTION = 'platform-api';

export const allRoutes = (): Route[] => Object.values(routesByFunction).flat();

/** "ANY <path>" per path, so a wrong method reaches the Lambda and gets 405, not API Gateway's 404. */
export function anyMethodRoutes(): Array<{ path: string; functionId: string }> {
  const seen = new Map<string, string>();
  for (const [functionId, routes] of Object.entries(routesByFunction)) for (const r of routes) seen.set(r.path, functionId);
  return [...seen].map(([path, functionId]) => ({ path, functionId }));
}
