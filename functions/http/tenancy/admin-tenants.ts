import * as z from 'zod';
import { createTenant, getTenant, listAudit, listTenants, updateTenant } from '#core/tenancy/tenants';
import { usageReport } from '#core/quota/usage-report';
import { created, ok, route } from '#http/route';
import { idParam, pageOf, PageQuery } from '#http/schemas/common';
import { AuditEntrySchema, CreatedTenant, NewTenantBody, TenantPatchBody, TenantSchema } from '#http/tenancy/schemas';
import { etag } from '#http/request';
import { UsageOut } from '#http/quota/schemas';
import { PLATFORM_ADMIN } from '#core/actor';

const TenantView = TenantSchema.extend({ usage: UsageOut }).meta({
  id: 'TenantView',
  description: 'A tenant with its storage usage: GET /v1/admin/tenants/{id}?include=usage.',
});
const TenantQuery = z.strictObject({
  include: z.enum(['usage']).optional().describe('`usage`: add its storage usage, as the tenant sees it.'),
});

const TenantId = idParam('ten');
const tag = 'Platform admin';

export const adminTenantRoutes = [
  route({
    method: 'POST',
    path: '/v1/admin/tenants',
    operationId: 'adminCreateTenant',
    summary: 'Create a tenant and its first owner key',
    tag,
    auth: 'admin',
    ports: ['tenancy'],
    body: NewTenantBody,
    notReplayed: ['apiKey.secret'],
    example: { name: 'Acme GmbH', plan: 'standard', seats: 5 },
    success: {
      status: 201,
      schema: CreatedTenant,
      description: 'The tenant and its owner key (secret shown once)',
      headers: ['etag', 'location'],
    },
    handler: async ({ body }, { deps }) => {
      const result = await createTenant(deps.tenancy, body);
      return created(result, { location: `/v1/admin/tenants/${result.tenant.id}`, etag: etag(result.tenant.version) });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/admin/tenants',
    operationId: 'adminListTenants',
    summary: 'List tenants, newest first',
    tag,
    auth: 'admin',
    ports: ['tenancy'],
    query: PageQuery,
    success: { status: 200, schema: pageOf(TenantSchema, 'TenantPage'), description: 'A page of tenants' },
    handler: async ({ page }, { deps }) => ok(await listTenants(deps.tenancy, page)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/tenants/{id}',
    operationId: 'adminGetTenant',
    summary: 'Get a tenant; with `?include=usage`, its storage usage as the tenant sees it',
    description:
      'The tenant, as `PATCH` answers it. With `include=usage`, a `TenantView`: the tenant plus its `usage`, in one answer.',
    tag,
    auth: 'admin',
    ports: ['tenancy', 'usage'],
    params: TenantId,
    query: TenantQuery,
    success: {
      status: 200,
      schema: z.union([TenantSchema, TenantView]),
      description: 'The tenant (a `TenantView` with `include=usage`)',
      headers: ['etag'],
    },
    handler: async ({ params, query }, { deps }) => {
      if (query.include !== 'usage') {
        const tenant = await getTenant(deps.tenancy, params.id);
        return ok(tenant, { etag: etag(tenant.version) });
      }
      const [tenant, usage] = await Promise.all([getTenant(deps.tenancy, params.id), deps.usage.read(params.id)]);
      return ok({ ...tenant, usage: usageReport(tenant, usage) }, { etag: etag(tenant.version) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/admin/tenants/{id}',
    operationId: 'adminUpdateTenant',
    ifMatch: true,
    summary: 'Change name, plan, seats or status (audited)',
    tag,
    auth: 'admin',
    ports: ['tenancy'],
    params: TenantId,
    body: TenantPatchBody,
    example: { plan: 'extended', seats: 25 },
    success: { status: 200, schema: TenantSchema, description: 'The updated tenant', headers: ['etag'] },
    handler: async ({ params, body, ifMatch }, { deps }) => {
      const tenant = await updateTenant(deps.tenancy, params.id, body, PLATFORM_ADMIN, ifMatch);
      return ok(tenant, { etag: etag(tenant.version) });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/admin/tenants/{id}/audit',
    operationId: 'adminListTenantAudit',
    summary:
      "A tenant's audited changes (name, plan, seats, status; the tenant's own settings), newest first, each with its actor",
    tag,
    auth: 'admin',
    ports: ['tenancy'],
    params: TenantId,
    query: PageQuery,
    success: {
      status: 200,
      schema: pageOf(AuditEntrySchema, 'AuditEntryPage'),
      description: 'A page of audit entries',
    },
    handler: async ({ params, page }, { deps }) => ok(await listAudit(deps.tenancy, params.id, page)),
  }),
];
