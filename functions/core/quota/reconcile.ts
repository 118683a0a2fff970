import { EMPTY_USAGE, type UsageTotals } from '#core/quota/usage';

export interface StoredFacts {
  /** Every stored version object: its size and uploader. */
  versions: { size: number; by: string }[];
  /** Live documents. */
  documents: number;
  /** Sizes of reservations still pending. */
  pendingReservations: number[];
}

/**
 * What the bucket holds under the tenant's prefix (`t/<tenant>/`): bytes under upload keys
 * (`d/<doc>/<upl>`, what usage counts) and, per first sub-prefix, whatever else is there.
 */
export interface BucketFacts {
  uploadBytes: number;
  unaccounted: Array<{ prefix: string; bytes: number; objects: number }>;
}

export interface Drift {
  field: 'usedBytes' | 'reservedBytes' | 'committedPlusReserved' | 'documents' | 'bucketBytes' | `byUser.${string}`;
  recorded: number;
  actual: number;
}

/** Usage recomputed from what is stored, and every figure that differs from the usage item. */
export function reconcile(recorded: UsageTotals, facts: StoredFacts): { actual: UsageTotals; drift: Drift[] } {
  const byUser: Record<string, number> = {};
  for (const v of facts.versions) byUser[v.by] = (byUser[v.by] ?? 0) + v.size;
  const usedBytes = facts.versions.reduce((sum, v) => sum + v.size, 0);
  const reservedBytes = facts.pendingReservations.reduce((sum, n) => sum + n, 0);
  const actual: UsageTotals = {
    ...EMPTY_USAGE,
    usedBytes,
    reservedBytes,
    committedPlusReserved: usedBytes + reservedBytes,
    documents: facts.documents,
    byUser,
  };
  const drift: Drift[] = [];
  for (const field of ['usedBytes', 'reservedBytes', 'committedPlusReserved', 'documents'] as const) {
    if (recorded[field] !== actual[field]) drift.push({ field, recorded: recorded[field], actual: actual[field] });
  }
  for (const user of new Set([...Object.keys(recorded.byUser), ...Object.keys(byUser)])) {
    const was = recorded.byUser[user] ?? 0;
    const is = byUser[user] ?? 0;
    if (was !== is) drift.push({ field: `byUser.${user}`, recorded: was, actual: is });
  }
  return { actual, drift };
}
