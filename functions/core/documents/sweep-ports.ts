import type { StoredFacts } from '#core/quota/reconcile';

/** A reservation the sweeper may settle: its holdUntil has passed. */
export interface DueReservation {
  tenantId: string;
  uploadId: string;
}

// Reservations sit in a few hash-sharded platform partitions sorted by holdUntil, so the sweeper
// reads what is due with one `Query` per shard and never scans.
export interface ReservationSweep {
  due(now: Date, limit: number): Promise<DueReservation[]>;
}

/** What reconcile recounts: the tenant's stored versions, live documents and pending reservations. */
export interface UsageFacts {
  facts(tenantId: string): Promise<StoredFacts>;
}
