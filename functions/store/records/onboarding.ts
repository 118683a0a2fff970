import { defaultPipelines } from '#core/records/pipeline';
import type { Tenant } from '#core/tenancy/caller';
import { pipelineItem } from '#store/records/schema-store';

/** Items every new tenant starts with, written in the tenant's creation transaction. */
export function onboardingItems(tenant: Tenant): Record<string, unknown>[] {
  return defaultPipelines().map((p) => pipelineItem(tenant.id, p));
}
