import type { SearchIndex } from '#core/search/ports';

// When a tenant's new index rows are merged into its full-text indexes (with compaction and the
// removal of old versions). Words find rows not merged yet at once; a phrase finds them once merged.
//
// The stream's indexer merges after a batch only when merging keeps to a fifth of its time: at least
// MERGE_SHARE times the last merge's duration after it, and at most MERGE_EVERY_MS apart. A merge's
// cost grows with the index, and merging after every batch made sustained writes crawl (the whole
// local product fell to 2.3 changes a second after 5,000 changes of one tenant; LanceDB itself
// advises optimising after about twenty writes, not each). A tenant not merged now is marked
// pending, and the scheduled optimiser (every minute) merges the pending tenants, so a burst's last
// rows wait a minute at most; a quiet tenant's single upload is merged at once.

/** Time between merges, as a multiple of the last merge's duration. */
export const MERGE_SHARE = 4;
export const MERGE_EVERY_MS = 10_000;
/** Pending tenants merged per scheduled run; the next run takes the rest. */
export const MERGES_PER_RUN = 500;

export interface LastMerge {
  at: number;
  tookMs: number;
}

/** Whether the indexer merges now, given its last merge of this tenant (in this process). */
export const indexerMergeDue = (last: LastMerge | undefined, now: number): boolean =>
  last === undefined || now - last.at >= Math.min(MERGE_EVERY_MS, MERGE_SHARE * last.tookMs);

/** The tenants whose rows wait for a merge. */
export interface PendingMerges {
  mark(tenantId: string): Promise<void>;
  /** Oldest marks first is not promised: every one is taken within a run or two. */
  list(limit: number): Promise<Array<{ tenantId: string; at: string }>>;
  /** Removes the mark, unless it was put again since `at` (a batch after the merge began). */
  clear(tenantId: string, at: string): Promise<void>;
}

export interface MergeDeps {
  index: Pick<SearchIndex, 'optimise'>;
  pending: PendingMerges;
}

/** After an indexer batch: the tenant merged now (how long it took), or marked for the scheduled run. */
export async function mergeAfterBatch(
  deps: MergeDeps,
  tenantId: string,
  last: LastMerge | undefined,
  now: () => number = Date.now,
): Promise<LastMerge> {
  if (last !== undefined && !indexerMergeDue(last, now())) {
    await deps.pending.mark(tenantId);
    return last;
  }
  const started = now();
  await deps.index.optimise(tenantId);
  const at = now();
  return { at, tookMs: at - started };
}

/** Scheduled: the pending tenants merged, each mark cleared unless put again meanwhile; how many. */
export async function mergePending(deps: MergeDeps): Promise<number> {
  const pending = await deps.pending.list(MERGES_PER_RUN);
  for (const { tenantId, at } of pending) {
    await deps.index.optimise(tenantId);
    await deps.pending.clear(tenantId, at);
  }
  return pending.length;
}
