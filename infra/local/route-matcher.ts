import { allRoutes, anyMethodRoutes, DEFAULT_ROUTE_FUNCTION, routeEntries } from '#infra/route-table';

export interface MatchedRoute {
  routeKey: string;
  functionId: string;
  pathParameters?: Record<string, string>;
}

interface Template {
  path: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
}

function compile(path: string): Template {
  const names: string[] = [];
  const pattern = path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return '([^/]+)';
    })
    .join('/');
  return { path, regex: new RegExp(`^${pattern}$`), names, literalSegments: path.split('/').length - names.length };
}

/** Matches like API Gateway HTTP APIs: most specific path first, then method, else ANY, else $default. */
export function routeMatcher() {
  const functionByRouteKey = new Map<string, string>();
  for (const [functionId, routes] of routeEntries())
    for (const r of routes) functionByRouteKey.set(r.routeKey, functionId);
  const anyByPath = new Map(anyMethodRoutes().map((r) => [r.path, r.functionId]));
  const templates = [...new Set(allRoutes().map((r) => r.path))]
    .map(compile)
    .sort((a, b) => b.literalSegments - a.literalSegments);

  return (method: string, path: string): MatchedRoute => {
    for (const t of templates) {
      const m = t.regex.exec(path);
      if (!m) continue;
      const pathParameters = t.names.length ? Object.fromEntries(t.names.map((n, i) => [n, m[i + 1]])) : undefined;
      const exact = functionByRouteKey.get(`${method} ${t.path}`);
      if (exact) return { routeKey: `${method} ${t.path}`, functionId: exact, pathParameters };
      return { routeKey: `ANY ${t.path}`, functionId: anyByPath.get(t.path)!, pathParameters };
    }
    return { routeKey: '$default', functionId: DEFAULT_ROUTE_FUNCTION };
  };
}
