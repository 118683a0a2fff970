import type { TenantRecordSchema, RecordsDeps } from '#core/records/ports';
import type { TenantCaller } from '#core/tenancy/caller';

/** The caller's tenant schema (fields and pipelines), at least as new as the tenant item they authenticated with. */
export const schemaOf = (deps: RecordsDeps, caller: TenantCaller): Promise<TenantRecordSchema> =>
  deps.schema.load(caller.tenantId, caller.tenant.schemaVersion);
