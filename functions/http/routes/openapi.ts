import * as z from 'zod';
import { ok, route } from '#http/route';

let cached: unknown;

export const openApiRoutes = [
  route({
    method: 'GET', path: '/v1/openapi.json', operationId: 'getOpenApiDocument', summary: 'This OpenAPI 3.1 document', tag: 'Platform', auth: 'public',
    success: { status: 200, schema: z.record(z.string(), z.unknown()), description: 'OpenAPI 3.1' },
    handler: async () => {
      // Imported lazily: the route table includes this route.
      if (!cached) {
        const [{ allRoutes }, { openApiDocument }] = await Promise.all([import('#http/route-table'), import('#http/openapi')]);
        cached = openApiDocument(allRoutes());
      }
      return ok(cached, { 'cache-control': 'public, max-age=300' });
    },
  }),
];
