import * as z from 'zod';
import { logger } from '#observability/logger';
import { route, type Reply } from '#http/route';

const Dependency = z.object({ status: z.enum(['ok', 'down']), latencyMs: z.number().int().min(0) });
const Health = z.object({
  status: z.enum(['ok', 'down']),
  dependencies: z.object({ table: Dependency, bucket: Dependency, stateMachines: Dependency }),
});

export const healthRoutes = [
  route({
    method: 'GET',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Health of the API and each dependency (503 when one is down)',
    tag: 'Platform',
    auth: 'public',
    ports: ['health'],
    success: {
      status: 200,
      schema: Health,
      description: 'Every dependency answered; the same body with status 503 names the one that did not',
      degradedStatus: 503,
    },
    handler: async (_input, { deps }): Promise<Reply> => {
      const checked = await deps.health.checkDependencies();
      const down = Object.entries(checked).filter(([, d]) => d.status === 'down');
      if (down.length)
        logger.warn('health: dependency down', { down: Object.fromEntries(down.map(([name, d]) => [name, d.cause])) });
      const dependencies = Object.fromEntries(
        Object.entries(checked).map(([name, d]) => [name, { status: d.status, latencyMs: d.latencyMs }]),
      );
      const body = Health.parse({ status: down.length ? 'down' : 'ok', dependencies });
      // Load balancers and monitors poll this: never a cached answer, and a hint when to look again.
      const headers: Record<string, string> = {
        'cache-control': 'no-store',
        ...(down.length ? { 'retry-after': '5' } : {}),
      };
      return { status: down.length ? 503 : 200, body, headers };
    },
  }),
];
