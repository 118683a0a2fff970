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
    success: { status: 200, schema: z.record(z.string(), z.unknown()), description: 'OpenAPI 3.1' },
    // The Lambda entry hands in the document of every route (functions/http/api/platform.ts).
    handler: async (_input, { deps }) => ok(deps.apiDocument(), { 'cache-control': 'public, max-age=300' }),
  }),
];
