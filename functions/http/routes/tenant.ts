import { TenantSettingsPatch, updateMailSettings } from '#core/sending/mail-settings';
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
  route({
    method: 'PATCH',
    path: '/v1/tenant',
    operationId: 'updateOwnTenant',
    summary: "The tenant's mail settings: sender name, reply-to address, signature (admin)",
    tag: 'Tenant',
    auth: 'tenant',
    role: 'admin',
    ifMatch: true,
    description:
      'Emails go from `"<fromName or tenant name> via Dossier" <no-reply@…>`, the platform\'s verified address; replies go to `replyTo`. `mailSettings` is replaced whole; `null` clears it.',
    body: TenantSettingsPatch,
    example: {
      mailSettings: { fromName: 'Acme Sales', replyTo: 'sales@acme.example', signature: 'Anna Berg\nAcme GmbH' },
    },
    success: { status: 200, schema: TenantSchema, description: 'The tenant', headers: ['etag'] },
    handler: async ({ body, ifMatch }, { caller, deps }) => {
      const tenant = await updateMailSettings(deps.tenancy, caller, body, ifMatch);
      return ok(tenant, { etag: etag(tenant.version) });
    },
  }),
];
