// The tenant's usage item. DynamoDB conditions cannot add two attributes, so next to the
// reported `usedBytes` and `reservedBytes` the item keeps their sum, `committedPlusReserved`,
// maintained by every transition below; the reservation condition compares that one attribute.

export interface UsageTotals {
  usedBytes: number;
  reservedBytes: number;
  /** Always usedBytes + reservedBytes; the only attribute the reservation condition reads. */
  committedPlusReserved: number;
  /** Live documents (not versions). */
  documents: number;
  /** Committed bytes per uploader (the `by` of each version). */
  byUser: Record<string, number>;
}

export const EMPTY_USAGE: UsageTotals = {
  usedBytes: 0,
  reservedBytes: 0,
  committedPlusReserved: 0,
  documents: 0,
  byUser: {},
};

/**
 * One change to the usage item, as the store applies it with `ADD` (all fields are deltas).
 * Every change built here keeps committedPlusReserved = usedBytes + reservedBytes.
 */
export interface UsageDelta {
  usedBytes: number;
  reservedBytes: number;
  committedPlusReserved: number;
  documents: number;
  byUser: Record<string, number>;
}

const delta = (d: Partial<UsageDelta>): UsageDelta => ({
  usedBytes: 0,
  reservedBytes: 0,
  committedPlusReserved: 0,
  documents: 0,
  byUser: {},
  ...d,
});

/** Holding `size` bytes for an upload not yet arrived. */
export const reserveDelta = (size: number): UsageDelta => delta({ reservedBytes: size, committedPlusReserved: size });

/** Releasing a reservation whose object was rejected, expired, or never came. */
export const releaseDelta = (size: number): UsageDelta => delta({ reservedBytes: -size, committedPlusReserved: -size });

/** Turning a reservation into committed bytes: the running total does not move. */
export const commitDelta = (size: number, by: string, newDocument: boolean): UsageDelta =>
  delta({ reservedBytes: -size, usedBytes: size, documents: newDocument ? 1 : 0, byUser: { [by]: size } });

/** A capped reservation (generated output) settling at its real size: what was held beyond it is freed. */
export const commitCappedDelta = (reserved: number, actual: number, by: string, newDocument: boolean): UsageDelta =>
  delta({
    reservedBytes: -reserved,
    usedBytes: actual,
    committedPlusReserved: actual - reserved,
    documents: newDocument ? 1 : 0,
    byUser: { [by]: actual },
  });

/** Deleting a document: every version's bytes leave usage, each from its uploader. */
export function removeDelta(versions: { size: number; by: string }[]): UsageDelta {
  const byUser: Record<string, number> = {};
  let total = 0;
  for (const v of versions) {
    total += v.size;
    byUser[v.by] = (byUser[v.by] ?? 0) - v.size;
  }
  return delta({ usedBytes: -total, committedPlusReserved: -total, documents: -1, byUser });
}

/** What the store's `ADD` does; used by in-memory stores and by reconcile. */
export function applyDelta(usage: UsageTotals, d: UsageDelta): UsageTotals {
  const byUser = { ...usage.byUser };
  for (const [user, bytes] of Object.entries(d.byUser)) {
    const next = (byUser[user] ?? 0) + bytes;
    if (next === 0) delete byUser[user];
    else byUser[user] = next;
  }
  return {
    usedBytes: usage.usedBytes + d.usedBytes,
    reservedBytes: usage.reservedBytes + d.reservedBytes,
    committedPlusReserved: usage.committedPlusReserved + d.committedPlusReserved,
    documents: usage.documents + d.documents,
    byUser,
  };
}
