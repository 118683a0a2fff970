import { notFound } from '#core/errors';
import { reconcileTenant } from '#core/quota/reconcile-tenant';
import { usageReport } from '#core/quota/usage-report';
import { ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { ReconcileOut, UsageOut } from '#http/schemas/documents';

const tag = 'Platform admin';

export const adminUsageRoutes = [
  route({
    method: 'GET',
    path: '/v1/admin/tenants/{id}/usage',
    operationId: 'getTenantUsageAsAdmin',
    summary: "A tenant's storage usage, as the tenant sees it at GET /v1/tenant/usage",
    tag,
    auth: 'admin',
    params: idParam('ten'),
    success: { status: 200, schema: UsageOut, description: 'The usage' },
    handler: async ({ params }, { deps }) => {
      const [tenant, usage] = await Promise.all([
        deps.tenancy.getTenant(params.id),
        deps.documents.usage.read(params.id),
      ]);
      return ok(usageReport(tenant ?? notFound('tenant', params.id), usage));
    },
  }),
  route({
    method: 'POST',
    path: '/v1/admin/tenants/{id}/reconcile',
    operationId: 'reconcileTenantUsage',
    summary: "Recount a tenant's usage from what is stored and report any drift",
    tag,
    auth: 'admin',
    params: idParam('ten'),
    success: { status: 200, schema: ReconcileOut, description: 'The recount and every figure that differs' },
    handler: async ({ params }, { deps }) =>
      ok(
        await reconcileTenant(
          { tenancy: deps.tenancy, usage: deps.documents.usage, facts: (id) => deps.usageFacts.facts(id) },
          params.id,
        ),
      ),
  }),
];
