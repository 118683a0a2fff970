import { etag } from '#http/request';
import { ok, route } from '#http/route';
import { TenantSchema } from '#http/schemas/tenancy';

export const tenantRoutes = [
  route({
    method: 'GET',
    path: '/v1/tenant',
    operationId: 'getOwnTenant',
    summary: "The caller's tenant: name, plan, seats, status",
    tag: 'Tenant',
    auth: 'tenant',
    success: { status: 200, schema: TenantSchema, description: 'The tenant', headers: ['etag'] },
    // Authentication already read the tenant in the same round trip as the key.
    handler: async (_input, { caller: { tenant } }) => ok(tenant, { etag: etag(tenant.version) }),
  }),
];
