import * as z from 'zod';
import { ok, route } from '#http/route';

const HealthReport = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  checkedAt: z.string().optional(),
  tableMs: z.number().optional(),
  bucketMs: z.number().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});

export const adminHealthRoutes = [
  route({
    method: 'POST',
    path: '/v1/admin/health-checks',
    operationId: 'adminRunHealthCheck',
    summary: 'Run the deep health workflow (table, bucket, Step Functions)',
    tag: 'Platform admin',
    auth: 'admin',
    ports: ['workflows'],
    success: { status: 200, schema: HealthReport, description: 'What the workflow found' },
    handler: async (_input, { deps }) =>
      ok(HealthReport.parse(await deps.workflows.runHealthCheck({ requestedAt: new Date().toISOString() }))),
  }),
];
