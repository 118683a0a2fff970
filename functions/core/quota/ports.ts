import type { UsageTotals } from '#core/quota/usage';

// What the store must guarantee for quotas (one usage item per tenant, e.g. pk T#<tenant>, sk USAGE):
// - Every change is an `ADD` of a UsageDelta (functions/core/quota/usage.ts) inside the same
//   TransactWriteItems as the item change that causes it (upload status, document, version), so
//   committedPlusReserved = usedBytes + reservedBytes holds after every transaction.
// - A reservation's `ADD` carries the ReservationRule's condition (core/quota/reservation.ts):
//   `attribute_not_exists(committedPlusReserved) OR committedPlusReserved <= :maxBefore`;
//   on failure it returns the item (ReturnValuesOnConditionCheckFailure ALL_OLD) so the 413
//   reports the figures without another read.
// - Releases and commits carry no quota condition: they never raise the running total.
// - byUser is a map attribute `ADD`ed per user (`byUser.#u`); a missing map is created first.

export interface UsageStore {
  /** The usage item, strongly consistent; EMPTY_USAGE when none exists yet. */
  read(tenantId: string): Promise<UsageTotals>;
}
