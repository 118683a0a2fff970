import { reconcileTenant } from '#core/quota/reconcile-tenant';
import { ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { ReconcileOut } from '#http/schemas/documents';

export const adminReconcileRoutes = [
  route({
    method: 'POST', path: '/v1/admin/tenants/{id}/reconcile', operationId: 'reconcileTenantUsage', summary: "Recount a tenant's usage from what is stored and report any drift", tag: 'Platform admin', auth: 'admin',
    params: idParam('ten'), success: { status: 200, schema: ReconcileOut, description: 'The recount and every figure that differs' },
    handler: async ({ params }, { deps }) => ok(await reconcileTenant({ tenancy: deps.tenancy, usage: deps.documents.usage, facts: (id) => deps.usageFacts.facts(id) }, params.id)),
  }),
];
