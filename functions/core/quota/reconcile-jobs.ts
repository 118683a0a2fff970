import { notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import type { UsageStore } from '#core/quota/ports';
import { reconcileTenant, type ReconcileReport, type UsageFacts } from '#core/quota/reconcile-tenant';
import type { TenancyStore } from '#core/tenancy/ports';
import type { LeadIndexReport } from '#core/records/reindex-leads';

/**
 * A recount runs in the request while the tenant is small; past this many documents its paged
 * Queries could outlast the API's 29 seconds, so it becomes a job the scheduled runner finishes.
 */
export const RECONCILE_SYNC_MAX_DOCUMENTS = 20_000;
/** Jobs taken per scheduled run; the next run takes the rest. */
export const RECONCILE_JOBS_PER_RUN = 5;
/**
 * How long one scheduled run works (its Lambda has 10 minutes): a reindex still going then keeps
 * its progress and its place in the queue, and the next run goes on from there.
 */
export const RECONCILE_RUN_MS = 8 * 60 * 1000;

/**
 * What a job does: `usage`, the recount; `reindex`, a tenant's derived indexes made anew: the lead
 * search items and source list keys (core/records/reindex-leads.ts), then the search index
 * (core/search/rebuild.ts). `lead-index`: the first alone, as queued before search existed. Jobs
 * stored before kinds are usage.
 */
export type ReconcileJobKind = 'usage' | 'lead-index' | 'reindex';

/** A reindex's report: the lead backfill's, and what the search rebuild indexed and swept out. */
export interface ReindexReport {
  tenantId: string;
  leads: LeadIndexReport;
  search: { documents: number; records: number; removed: number };
}

/**
 * What the runner knows of a search rebuild's progress (core/search/rebuild.ts, a level above, has
 * the rest: where it goes on); the job stores it whole between runs.
 */
export interface RebuildCounts {
  documents: number;
  records: number;
  removed: number;
  done: boolean;
}

/** Where a running reindex stands between scheduled runs. */
export interface ReindexProgress {
  leads: LeadIndexReport;
  search: RebuildCounts;
}

export interface ReconcileJob {
  id: string;
  tenantId: string;
  kind?: ReconcileJobKind;
  status: 'running' | 'succeeded' | 'failed';
  createdAt: string;
  finishedAt?: string;
  result?: ReconcileReport | LeadIndexReport | ReindexReport;
  /** A reindex not finished in one run: where the next goes on. */
  progress?: ReindexProgress;
  error?: string;
}

/** Jobs live with their tenant and in a platform queue the runner reads with one Query. */
export interface ReconcileJobStore {
  /** The job and its queue entry, together. */
  create(job: ReconcileJob): Promise<void>;
  get(tenantId: string, id: string): Promise<ReconcileJob | undefined>;
  /** Oldest first. */
  queued(limit: number): Promise<Array<{ tenantId: string; id: string }>>;
  /** The finished job, out of the queue, together. */
  finish(job: ReconcileJob): Promise<void>;
  /** A running job's progress, the job staying in the queue. */
  save(job: ReconcileJob): Promise<void>;
}

/** The lead-index backfill of one tenant (core/records/reindex-leads.ts, wired to the records store). */
export interface LeadIndexBackfill {
  reindex(tenantId: string): Promise<LeadIndexReport>;
}

export interface ReconcileDeps {
  tenancy: TenancyStore;
  usage: UsageStore;
  facts: UsageFacts;
  jobs: ReconcileJobStore;
  leadIndex: LeadIndexBackfill;
}

/** The scheduled runner's: the routes' ports and the search rebuild, which only the runner loads. */
export interface ReconcileRunnerDeps extends ReconcileDeps {
  /**
   * The search rebuild of one tenant (core/search/rebuild.ts), from the start or from what it
   * returned last, gone on with until done or `deadline`.
   */
  searchRebuild(tenantId: string, from: RebuildCounts | undefined, deadline: number): Promise<RebuildCounts>;
}

/** `POST /v1/admin/tenants/{id}/reconcile`: the report now, or a job for a large tenant. */
export async function requestReconcile(
  deps: ReconcileDeps,
  tenantId: string,
  syncMaxDocuments = RECONCILE_SYNC_MAX_DOCUMENTS,
): Promise<{ report: ReconcileReport } | { job: ReconcileJob }> {
  if (!(await deps.tenancy.getTenant(tenantId))) notFound('tenant', tenantId);
  const usage = await deps.usage.read(tenantId);
  if (usage.documents <= syncMaxDocuments) return { report: await reconcileTenant(deps, tenantId) };
  return { job: await queueJob(deps, tenantId, 'usage') };
}

/** `POST /v1/admin/tenants/{id}/reindex`: always a job, as it reads everything the tenant has. */
export async function requestReindex(deps: Pick<ReconcileDeps, 'tenancy' | 'jobs'>, tenantId: string) {
  if (!(await deps.tenancy.getTenant(tenantId))) notFound('tenant', tenantId);
  return queueJob(deps, tenantId, 'reindex');
}

/** A new running job in the queue, for the scheduled runner to take. */
async function queueJob(
  deps: Pick<ReconcileDeps, 'jobs'>,
  tenantId: string,
  kind: ReconcileJobKind,
): Promise<ReconcileJob> {
  const job: ReconcileJob = {
    id: newId('job'),
    tenantId,
    kind,
    status: 'running',
    createdAt: now(),
  };
  await deps.jobs.create(job);
  return job;
}

export async function getReconcileJob(deps: Pick<ReconcileDeps, 'jobs'>, tenantId: string, id: string) {
  const { progress, ...job } = (await deps.jobs.get(tenantId, id)) ?? notFound('job', id);
  // Where a reindex stands, by its counts: the page key it goes on from is the runner's.
  const going = progress && { documents: progress.search.documents, records: progress.search.records };
  return { ...job, kind: job.kind ?? 'usage', ...(going ? { progress: going } : {}) };
}

/**
 * A reindex, gone on with until `deadline`: the lead backfill once, then the search rebuild from
 * where it stood. The report when done; else undefined, and the job's progress saved.
 */
async function reindex(
  deps: ReconcileRunnerDeps,
  job: ReconcileJob,
  deadline: number,
): Promise<ReindexReport | undefined> {
  const leads = job.progress?.leads ?? (await deps.leadIndex.reindex(job.tenantId));
  const search = await deps.searchRebuild(job.tenantId, job.progress?.search, deadline);
  if (!search.done) {
    await deps.jobs.save({ ...job, progress: { leads, search } });
    return undefined;
  }
  const { documents, records, removed } = search;
  return { tenantId: job.tenantId, leads, search: { documents, records, removed } };
}

/**
 * The scheduled runner: each queued job run and finished; a failure is recorded, not retried
 * forever. A reindex still going at `deadline` stays queued with its progress.
 */
export async function runQueuedReconciles(
  deps: ReconcileRunnerDeps,
  deadline = Date.now() + RECONCILE_RUN_MS,
): Promise<{ succeeded: number; failed: number; going: number }> {
  const counts = { succeeded: 0, failed: 0, going: 0 };
  for (const queued of await deps.jobs.queued(RECONCILE_JOBS_PER_RUN)) {
    if (Date.now() >= deadline) break;
    const job = await deps.jobs.get(queued.tenantId, queued.id);
    if (!job) continue;
    try {
      const result =
        job.kind === 'reindex'
          ? await reindex(deps, job, deadline)
          : job.kind === 'lead-index'
            ? await deps.leadIndex.reindex(job.tenantId)
            : await reconcileTenant(deps, job.tenantId);
      if (!result) {
        counts.going += 1;
        continue;
      }
      await deps.jobs.finish({ ...job, status: 'succeeded', result, progress: undefined, finishedAt: now() });
      counts.succeeded += 1;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await deps.jobs.finish({ ...job, status: 'failed', error, progress: undefined, finishedAt: now() });
      counts.failed += 1;
    }
  }
  return counts;
}
