import { describe, expect, it } from 'vitest';
import { documented } from '#http/api/platform';
import { allRoutes } from '#infra/route-table';

describe('the served OpenAPI document', () => {
  it('describes exactly the routes of the route table (a new capability is added to functions/http/api/platform.ts too)', () => {
    const keys = (routes: Array<{ routeKey: string }>) => routes.map((r) => r.routeKey).sort();
    expect(keys(documented())).toEqual(keys(allRoutes()));
  });
});
