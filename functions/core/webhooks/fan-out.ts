import type { Clock } from '#core/clock';
import { presentEvent } from '#core/outbox/present';
import type { OutboxEvent } from '#core/records/events';
import type { TenantRecordSchema } from '#core/records/ports';
import type { DueAttempt } from '#core/webhooks/attempt';
import type { DeliveryAttemptsStore, SubscriptionsForDelivery } from '#core/webhooks/delivery-ports';
import { matchesSubscription } from '#core/webhooks/match';

// The stream consumer: each committed event goes to the tenant's enabled subscriptions that match
// it (type or wildcard, then the filter on the presented `data`), as one due attempt each, queued
// once per (subscription, event) so a batch the stream hands over again queues nothing twice. Then a
// worker is started at once for a prompt first attempt; the schedule finds anything it missed.

/** An outbox item as the stream gave it: its tenant, where it lives, and what it holds. */
export interface CommittedEvent {
  tenantId: string;
  location: string;
  event: OutboxEvent & { truncated?: true };
}

export interface FanOutDeps {
  subscriptions: Pick<SubscriptionsForDelivery, 'listEnabledSubscriptions'>;
  attempts: Pick<DeliveryAttemptsStore, 'enqueue'>;
  schema: { load(tenantId: string, version: number | undefined): Promise<TenantRecordSchema> };
  clock: Clock;
  /** Starts a delivery worker now (an asynchronous invoke of deliver-webhooks). */
  wake(): Promise<void>;
}

export async function fanOut(deps: FanOutDeps, committed: CommittedEvent[]): Promise<{ queued: number }> {
  const byTenant = new Map<string, CommittedEvent[]>();
  for (const c of committed) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c]);
  const attempts: DueAttempt[] = [];
  const now = deps.clock.now().toISOString();
  for (const [tenantId, events] of byTenant) {
    const subs = await deps.subscriptions.listEnabledSubscriptions(tenantId);
    if (!subs.length) continue;
    const schema = await deps.schema.load(tenantId, undefined);
    for (const { location, event } of events) {
      const data = presentEvent(tenantId, event, schema).data as Record<string, unknown>;
      for (const sub of subs.filter((s) => matchesSubscription(s, event.type, data)))
        attempts.push({
          tenantId,
          subscriptionId: sub.id,
          event: { location, resourceId: event.subject.id, eventId: event.id },
          eventType: event.type,
          version: event.subject.version,
          attempt: 1,
          dueAt: now,
          queuedAt: now,
        });
    }
  }
  const queued = attempts.length ? await deps.attempts.enqueue(attempts) : 0;
  if (queued) await deps.wake();
  return { queued };
}
