import type { Clock } from '#core/clock';
import type { Page, PageRequest } from '#core/paging';
import type { TenantRecordSchema } from '#core/records/ports';
import type { OutboxEvent } from '#core/records/events';
import type { DeliveryRecord, DueAttempt, EventRef, SendOutcome } from '#core/webhooks/attempt';
import type { WebhookSubscription } from '#core/webhooks/subscription';

// The delivery path's ports: the subscriptions it reads (the subscriptions API's store satisfies
// them), the due registry and its per-resource order, the receiver, and the log.

export interface SubscriptionsForDelivery {
  get(tenantId: string, id: string): Promise<WebhookSubscription | undefined>;
  listEnabledSubscriptions(tenantId: string): Promise<WebhookSubscription[]>;
  /** false when it is gone or already off. */
  disableSubscription(tenantId: string, id: string, reason: string): Promise<boolean>;
}

export interface DeliveryAttemptsStore {
  /**
   * Queues each (subscription, event) once, with its version marked pending for that subscription's
   * resource; one already queued (a stream batch handed over again) is left alone unless `replay`.
   * Returns how many were queued.
   */
  enqueue(attempts: DueAttempt[]): Promise<number>;
  /**
   * Attempts due at `now` across every shard, oldest first (leased ones included: the caller skips
   * them); with `after`, those due after that one (the next window down the queue).
   */
  due(now: Date, limit: number, after?: DueAttempt): Promise<DueAttempt[]>;
  /** The lowest version still pending for this subscription and resource (undefined: none). */
  earliestPending(tenantId: string, subscriptionId: string, resourceId: string): Promise<number | undefined>;
  /** Takes the attempt until `until` unless another worker's lease runs; false when it is not ours. */
  claim(attempt: DueAttempt, until: Date, now: Date): Promise<boolean>;
  /** Ends the attempt with its log entry: delivered, or given up; the resource's next version may go. */
  settle(attempt: DueAttempt, record: DeliveryRecord): Promise<void>;
  /** Logs the failure and queues the next attempt at `record.nextAttemptAt`. */
  reschedule(attempt: DueAttempt, record: DeliveryRecord): Promise<void>;
  /** Counts a failure in a row for the subscription; the count and since when it has been failing. */
  noteFailure(tenantId: string, subscriptionId: string, at: string): Promise<{ inARow: number; since: string }>;
  /** A success ends the run of failures. */
  noteSuccess(tenantId: string, subscriptionId: string): Promise<void>;
}

export interface DeliveryLogFilter {
  status?: 'succeeded' | 'failed';
  eventType?: string;
}

export interface DeliveryLog {
  /** Logs an attempt that was not queued (a test send). */
  record(entry: DeliveryRecord): Promise<void>;
  /** Newest first. */
  list(
    tenantId: string,
    subscriptionId: string,
    filter: DeliveryLogFilter,
    page: PageRequest,
  ): Promise<Page<DeliveryRecord>>;
}

/** The outbox item an attempt points at (undefined once TTL removed it). */
export interface OutboxReader {
  get(tenantId: string, ref: EventRef): Promise<OutboxEvent | undefined>;
}

/** One POST to a receiver, under the 10 s deadline, to the address checked at this moment. */
export interface WebhookSender {
  send(url: string, headers: Record<string, string>, body: string): Promise<SendOutcome>;
}

/** Tells the tenant's admins and owners that delivery switched a subscription off. */
export interface DisabledNotifier {
  subscriptionDisabled(sub: WebhookSubscription, why: { failures?: number; since?: string }): Promise<void>;
}

export interface DeliveryDeps {
  subscriptions: SubscriptionsForDelivery;
  attempts: DeliveryAttemptsStore;
  log: DeliveryLog;
  outbox: OutboxReader;
  schema: { load(tenantId: string, version: number | undefined): Promise<TenantRecordSchema> };
  sender: WebhookSender;
  notifier: DisabledNotifier;
  clock: Clock;
}
