import type { RebuildCounts } from '#core/quota/reconcile-jobs';
import { ENTITIES, type Entity } from '#core/records/entities';
import { indexChanges, type Changed, type IndexingDeps } from '#core/search/index-changes';

// The index is derived data: the admin's reindex job (POST /v1/admin/tenants/{id}/reindex) makes a
// tenant's index match the table again, whatever happened to it (dropped, stale, half written).
// Every document and record is indexed as the stream's indexer indexes it (a document's versions
// already in the index keep their text, the rest are extracted from S3 again), page by page; then
// rows whose document or record is gone are swept out. A tenant too large for one run goes on
// where it stopped at the next (the progress is the job's), and running it twice changes nothing.

export type RebuildKind = 'document' | Entity;
const KINDS: readonly RebuildKind[] = ['document', ...ENTITIES];
/** Ids checked against the table at once by the sweep (a BatchGet's 100 keys). */
const SWEEP_BATCH = 100;

/** Opaque to the rebuild: where a kind's walk goes on (a DynamoDB page key). */
export type PageKey = Record<string, unknown>;

/** The counts (`removed`: index entries swept out, their document or record gone) and where it stands. */
export interface RebuildProgress extends RebuildCounts {
  /** The kind being walked; absent once every kind has been. */
  kind?: RebuildKind;
  after?: PageKey;
}

export interface RebuildDeps extends IndexingDeps {
  /** A page of a tenant's ids of one kind, and where the next page starts (absent: the last). */
  idPage(tenantId: string, kind: RebuildKind, after?: PageKey): Promise<{ ids: string[]; after?: PageKey }>;
}

export const rebuildStart = (): RebuildProgress => ({
  kind: KINDS[0],
  documents: 0,
  records: 0,
  removed: 0,
  done: false,
});

const changedOf = (kind: RebuildKind, ids: string[]): Changed =>
  kind === 'document'
    ? { documents: ids, records: [] }
    : { documents: [], records: ids.map((id) => ({ entity: kind, id })) };

/** Index entries of documents and records the table no longer has, removed; how many. */
async function sweep(deps: RebuildDeps, tenantId: string): Promise<number> {
  const indexed = await deps.index.ids(tenantId);
  let removed = 0;
  for (let i = 0; i < indexed.length; i += SWEEP_BATCH) {
    const batch = indexed.slice(i, i + SWEEP_BATCH);
    const docs = batch.filter((e) => e.type === 'document').map((e) => e.id);
    const refs = batch.flatMap((e) => (e.type === 'document' ? [] : [{ entity: e.type, id: e.id }]));
    const [foundDocs, foundRecords] = await Promise.all([
      docs.length ? deps.documents.getDocuments(tenantId, docs) : [],
      refs.length ? deps.records.getMany(tenantId, refs) : [],
    ]);
    const present = new Set([...foundDocs.map((d) => d.id), ...foundRecords.map((r) => r.id)]);
    const gone = batch.map((e) => e.id).filter((id) => !present.has(id));
    if (gone.length) await deps.index.replace(tenantId, gone, []);
    removed += gone.length;
  }
  return removed;
}

/**
 * Goes on with a rebuild until it is done or `stop()` says so (the run's time is up); the progress
 * to go on from. A page is indexed in one write, so a rebuild stopped anywhere loses nothing.
 */
export async function rebuildSearch(
  deps: RebuildDeps,
  tenantId: string,
  from: RebuildProgress,
  stop: () => boolean,
): Promise<RebuildProgress> {
  const p = { ...from };
  while (p.kind && !stop()) {
    const page = await deps.idPage(tenantId, p.kind, p.after);
    if (page.ids.length) await indexChanges(deps, tenantId, changedOf(p.kind, page.ids));
    if (p.kind === 'document') p.documents += page.ids.length;
    else p.records += page.ids.length;
    p.after = page.after;
    if (!page.after) p.kind = KINDS[KINDS.indexOf(p.kind) + 1];
  }
  if (p.kind || stop()) return p;
  p.removed += await sweep(deps, tenantId);
  await deps.index.optimise(tenantId);
  return { ...p, done: true };
}
