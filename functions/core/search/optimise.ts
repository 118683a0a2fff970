import type { Page, PageRequest } from '#core/paging';
import type { SearchIndex } from '#core/search/ports';

// Scheduled: every tenant's index compacted (small appends merged, old versions removed), so
// a query reads few files however many batches were written.

export interface OptimiseDeps {
  index: Pick<SearchIndex, 'optimise'>;
  tenants(page: PageRequest): Promise<Page<{ id: string }>>;
}

export async function optimiseIndexes(deps: OptimiseDeps): Promise<number> {
  let cursor: string | undefined;
  let done = 0;
  do {
    const page = await deps.tenants({ limit: 100, cursor, scope: 'search-optimise' });
    for (const t of page.items) {
      await deps.index.optimise(t.id);
      done++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return done;
}

/**
 * When the stream's indexer merges a tenant's new rows into its full-text indexes. After every
 * batch while that is cheap; but a merge's cost grows with the index, and merging after every batch
 * made sustained writes crawl (2.3 changes a second end to end locally at 5,000 changes, webhook
 * deliveries beside it included; LanceDB itself advises optimising after about twenty writes, not
 * each). So once a merge takes SLOW_MERGE_MS, the next waits MERGE_EVERY_MS. Words find rows not
 * merged yet at once; a phrase finds them once merged, and the scheduled run (optimiseIndexes) takes
 * what a burst's last batches left.
 */
export const SLOW_MERGE_MS = 1_000;
export const MERGE_EVERY_MS = 10_000;

export interface LastMerge {
  at: number;
  tookMs: number;
}

export const indexerMergeDue = (last: LastMerge | undefined, now: number): boolean =>
  last === undefined || last.tookMs < SLOW_MERGE_MS || now - last.at >= MERGE_EVERY_MS;
