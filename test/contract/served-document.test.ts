import { describe, expect, inject, it } from 'vitest';
import { apiDocument } from '#infra/openapi-document';
import { allRoutes } from '#infra/route-table';

// The platform function serves a prebuilt file (bundled beside it; written by the local runtime at
// start): what it answers must be the document of every route in the route table, byte for byte.
describe('GET /v1/openapi.json', () => {
  it('answers the document generated from the route table, byte-identical', async () => {
    const res = await fetch(`${inject('apiUrl')}/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await res.text()).toBe(JSON.stringify(apiDocument()));
  });

  it('describes exactly the routes of the route table', async () => {
    const served = (await (await fetch(`${inject('apiUrl')}/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(served.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(
      allRoutes()
        .map((r) => r.routeKey)
        .sort(),
    );
  });
});
