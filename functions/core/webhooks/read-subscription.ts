import { notFound } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import type { SubscriptionsForDelivery } from '#core/webhooks/delivery-ports';

/** The caller's tenant's subscription, or 404: another tenant's id is never found. */
export async function readForDelivery(
  deps: { subscriptions: Pick<SubscriptionsForDelivery, 'get'> },
  caller: TenantCaller,
  id: string,
) {
  return (await deps.subscriptions.get(caller.tenantId, id)) ?? notFound('webhook subscription', id);
}
