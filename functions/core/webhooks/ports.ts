import type { Page, PageRequest } from '#core/paging';
import type { WebhookSubscription } from '#core/webhooks/subscription';

/** DNS as a delivery needs it: every address a name resolves to (node:dns `lookup(all: true)` in the store). */
export interface HostResolver {
  resolve(host: string): Promise<Array<{ address: string; family: 4 | 6 }>>;
}

/** Why a create was refused at the tenant's limit: the figures for the problem body. */
export interface SubscriptionsFull {
  limit: number;
}

export interface WebhookSubscriptionsStore {
  /** Stores a new subscription unless the tenant holds `limit` already (counted in the same transaction). */
  create(sub: WebhookSubscription, limit: number): Promise<'created' | SubscriptionsFull>;
  get(tenantId: string, id: string): Promise<WebhookSubscription | undefined>;
  /** Oldest first (ids are ULIDs). */
  list(tenantId: string, page: PageRequest): Promise<Page<WebhookSubscription>>;
  /** Replaces a subscription at `expectedVersion` (WriteConflict 'version' otherwise, or when it is gone). */
  update(next: WebhookSubscription, expectedVersion: number): Promise<void>;
  /** Deletes it and gives its place under the limit back; false when it was not there. */
  delete(tenantId: string, id: string): Promise<boolean>;
  /** Every enabled subscription of the tenant, secrets included: one Query (the delivery worker, per batch). */
  listEnabledSubscriptions(tenantId: string): Promise<WebhookSubscription[]>;
  /** Delivery switches a failing subscription off; false when it is gone or already off. */
  disableSubscription(tenantId: string, id: string, reason: string): Promise<boolean>;
}

export interface WebhooksDeps {
  webhooks: WebhookSubscriptionsStore;
  /** Local runtime and tests only: `http://` loopback receivers may be subscribed. */
  allowLoopbackHttp: boolean;
}
