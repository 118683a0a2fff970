// A delivery owed: one event to one subscription. It waits in the due registry until its time,
// is claimed under a lease by one worker, and leaves with the write that records how it went.

/** Where the announced event lives: the OUT# item in the partition of the resource it is about. */
export interface EventRef {
  /** The store's own address of the event (its item's partition), as the stream record gave it. */
  location: string;
  /** The resource the event announces: deliveries of one resource keep their order. */
  resourceId: string;
  eventId: string;
}

export interface DueAttempt {
  tenantId: string;
  subscriptionId: string;
  event: EventRef;
  eventType: string;
  /** The resource's version the event announces: deliveries of one resource go in this order. */
  version: number;
  /** 1 for the first try. */
  attempt: number;
  dueAt: string;
  /** When the first attempt was queued (the delivery log's "since"). */
  queuedAt: string;
  /** Queued by a replay: delivered again even though it was delivered before. */
  replay?: true;
  /** Who holds it, until when (a worker that died lets it go when the lease ends). */
  leaseUntil?: string;
}

/** How one attempt went, as the delivery log shows it (`dlv_…`, kept 30 days). */
export interface DeliveryRecord {
  id: string;
  tenantId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  at: string;
  status: 'succeeded' | 'failed';
  /** The receiver's HTTP status, when it answered. */
  statusCode?: number;
  /** Why it failed without a usable answer: `timeout`, `connection_reset`, `redirect`, `refused_address`, … */
  error?: string;
  durationMs: number;
  /** The first 1 KB of the receiver's answer (UTF-8, cut at a character). */
  response?: string;
  /** When it failed and will be tried again; absent once it succeeded or was given up. */
  nextAttemptAt?: string;
}

/** What the receiver did with one request. */
export interface SendOutcome {
  ok: boolean;
  statusCode?: number;
  error?: string;
  durationMs: number;
  response?: string;
}
