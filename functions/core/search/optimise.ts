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
