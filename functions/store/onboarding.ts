import type { Tenant } from '#core/tenancy/caller';

/** Items every new tenant starts with, written in the tenant's creation transaction. */
export function onboardingItems(_tenant: Tenant): Record<string, unknown>[] {
  return [];
}
