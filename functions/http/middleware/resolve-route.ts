import { DomainError } from '#core/errors';
import type { ApiMiddleware, ApiRequest } from '#http/request-state';
import type { Route } from '#http/route';

// API Gateway sends unmatched methods on a known path as "ANY <path>" and unknown paths as
// "$default" (see route-table.ts), so 405 and 404 come from here in both runtimes.
export const resolveRoute = (routes: Route[]): ApiMiddleware => {
  const byKey = new Map(routes.map((r) => [r.routeKey, r]));
  const methodsByPath = new Map<string, string[]>();
  for (const r of routes) methodsByPath.set(r.path, [...(methodsByPath.get(r.path) ?? []), r.method]);
  return {
    before: (request: ApiRequest) => {
      const routeKey = request.event.routeKey;
      const found = byKey.get(routeKey);
      if (found) {
        request.context.dossier.route = found;
        return;
      }
      const path = routeKey.startsWith('ANY ') ? routeKey.slice(4) : undefined;
      const allowed = path ? methodsByPath.get(path) : undefined;
      // A page's path answers a wrong method with a page too (its htmlError): name one of its routes.
      const page = path ? routes.find((r) => r.path === path && r.htmlError) : undefined;
      if (page) request.context.dossier.route = page;
      if (allowed)
        throw new DomainError(
          'METHOD_NOT_ALLOWED',
          `${request.event.requestContext.http.method} is not allowed here; use ${allowed.join(', ')}.`,
          [],
          { allow: allowed.join(', ') },
        );
      throw new DomainError(
        'NOT_FOUND',
        `No route for ${request.event.requestContext?.http?.method ?? ''} ${request.event.rawPath ?? ''}.`,
      );
    },
  };
};
