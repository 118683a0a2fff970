import type { Route } from '#http/route';

// Routes that reshape or remove what the others aim at run last, so GETs and PATCHes of records
// meet the seeded records, fields and pipelines rather than their remains.
const SCHEMA_CHANGES = new Set([
  'POST /v1/fields/{entity}',
  'PATCH /v1/fields/{entity}/{name}',
  'PATCH /v1/pipelines/{id}',
  'PATCH /v1/admin/tenants/{id}',
]);

const rank = (r: Route): number => (r.method === 'DELETE' ? 2 : SCHEMA_CHANGES.has(r.routeKey) ? 1 : 0);

export const fuzzOrder = (routes: Route[]): Route[] =>
  routes
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);

/** A seed per route, so adding a route leaves the others' requests as they were. */
export function routeSeed(seed: number, route: Route): number {
  let h = seed | 0;
  for (const ch of route.routeKey) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h;
}
