import type { Page, PageRequest } from '#core/paging';
import { getRecord } from '#core/records/read-records';
import type { TenantCaller } from '#core/tenancy/caller';
import type { Conversion } from '#core/conversion/conversion';
import type { ConversionDeps } from '#core/conversion/ports';

/** `GET /v1/leads/{id}/conversions`: the lead's conversions (each with its undo, if any), newest first. */
export async function listConversions(
  deps: ConversionDeps,
  caller: TenantCaller,
  leadId: string,
  page: PageRequest,
): Promise<Page<Conversion>> {
  await getRecord(deps.records, caller, 'lead', leadId);
  return deps.conversions.list(caller.tenantId, leadId, page);
}
