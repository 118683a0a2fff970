import * as z from 'zod';
import { ok, route } from '#http/route';

export const healthRoutes = [
  route({
    method: 'GET', path: '/health', operationId: 'getHealth', summary: 'Liveness', tag: 'Platform', auth: 'public',
    success: { status: 200, schema: z.object({ status: z.literal('ok') }), description: 'The API is up' },
    handler: async () => ok({ status: 'ok' }),
  }),
];
