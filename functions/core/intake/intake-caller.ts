import type { Tenant, TenantCaller } from '#core/tenancy/caller';

/**
 * Intake acts for the tenant without an API key: leads it creates go through the records core as
 * any other create (fields, custom fields, pipeline, timeline, search), owned as the form says.
 */
export const intakeCaller = (tenant: Tenant): TenantCaller => ({
  kind: 'tenant',
  tenant,
  tenantId: tenant.id,
  userId: 'intake',
  role: 'admin',
  keyId: 'intake',
});
