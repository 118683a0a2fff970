import * as z from 'zod';
import { ok, route } from '#http/route';

export const openApiRoutes = [
  route({
    method: 'GET',
    path: '/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tag: 'Platform',
    auth: 'public',
    ports: ['apiDocument'],
    success: { status: 200, schema: z.record(z.string(), z.unknown()), description: 'OpenAPI 3.1' },
    // Generated from every route at bundling time and read from its file (functions/wiring/api-document.ts).
    handler: async (_input, { deps }) => ok(await deps.apiDocument(), { 'cache-control': 'public, max-age=300' }),
  }),
];
