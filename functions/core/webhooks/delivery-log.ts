import type { PageRequest } from '#core/paging';
import type { TenantCaller } from '#core/tenancy/caller';
import type { DeliveryDeps, DeliveryLogFilter } from '#core/webhooks/delivery-ports';
import { readForDelivery } from '#core/webhooks/read-subscription';

/** A page of the subscription's delivery log, newest first (each attempt: time, status, duration, answer). */
export async function listDeliveries(
  deps: Pick<DeliveryDeps, 'subscriptions' | 'log'>,
  caller: TenantCaller,
  subscriptionId: string,
  filter: DeliveryLogFilter,
  page: PageRequest,
) {
  const sub = await readForDelivery(deps, caller, subscriptionId);
  return deps.log.list(caller.tenantId, sub.id, filter, page);
}
