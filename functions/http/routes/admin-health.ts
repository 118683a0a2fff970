import * as z from 'zod';
import { DomainError } from '#core/errors';
import { ok, route } from '#http/route';

const HealthReport = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  checkedAt: z.string().optional(), tableMs: z.number().optional(), bucketMs: z.number().optional(),
  error: z.string().optional(), cause: z.string().optional(),
});

export const adminHealthRoutes = [
  route({
    method: 'POST', path: '/v1/admin/health-checks', operationId: 'runHealthCheck', summary: 'Run the deep health workflow (table, bucket, Step Functions)', tag: 'Platform admin', auth: 'admin',
    success: { status: 200, schema: HealthReport, description: 'What the workflow found' },
    handler: async () => {
      // Loaded on first use: every other platform route would otherwise pay for the SFN client at cold start.
      const [{ StartSyncExecutionCommand }, { sfn, stateMachineArn }] = await Promise.all([import('@aws-sdk/client-sfn'), import('#store/sfn')]);
      const result = await sfn().send(new StartSyncExecutionCommand({ stateMachineArn: stateMachineArn('health'), input: JSON.stringify({ requestedAt: new Date().toISOString() }) }));
      if (result.status !== 'SUCCEEDED') throw new DomainError('UNAVAILABLE', `The health workflow ended ${result.status}.`);
      return ok(HealthReport.parse(JSON.parse(result.output ?? '{}')));
    },
  }),
];
