import { usageReport } from '#core/quota/usage-report';
import { ok, route } from '#http/route';
import { UsageOut } from '#http/quota/schemas';

export const usageRoutes = [
  route({
    method: 'GET',
    path: '/v1/tenant/usage',
    operationId: 'getTenantUsage',
    summary: 'Storage used, reserved and allowed by the plan, per user',
    tag: 'Tenant',
    auth: 'tenant',
    ports: ['documents'],
    description:
      'Limits follow the plan read on this request: free 200 MiB per tenant, standard 500 MiB per seat, extended unlimited (`limitBytes: null`).',
    success: { status: 200, schema: UsageOut, description: 'The usage' },
    handler: async (_input, { caller, deps }) =>
      ok(usageReport(caller.tenant, await deps.documents.usage.read(caller.tenantId))),
  }),
];
