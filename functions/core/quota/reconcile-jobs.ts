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
/** Jobs finished per scheduled run; the next run takes the rest. */
export const RECONCILE_JOBS_PER_RUN = 5;

/**
 * What a job does: `usage`, the recount; `lead-index`, the per-tenant backfill of lead search
 * items and source list keys (core/records/reindex-leads.ts). Jobs stored before kinds are usage.
 */
export type ReconcileJobKind = 'usage' | 'lead-index';

export interface ReconcileJob {
  id: string;
  tenantId: string;
  kind?: ReconcileJobKind;
  status: 'running' | 'succeeded' | 'failed';
  createdAt: string;
  finishedAt?: string;
  result?: ReconcileReport | LeadIndexReport;
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

/** `POST /v1/admin/tenants/{id}/reindex`: always a job, as it reads every lead of the tenant. */
export async function requestLeadIndex(deps: Pick<ReconcileDeps, 'tenancy' | 'jobs'>, tenantId: string) {
  if (!(await deps.tenancy.getTenant(tenantId))) notFound('tenant', tenantId);
  return queueJob(deps, tenantId, 'lead-index');
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
  const job = (await deps.jobs.get(tenantId, id)) ?? notFound('job', id);
  return { ...job, kind: job.kind ?? 'usage' };
}

/** The scheduled runner: each queued job recounted and finished; a failure is recorded, not retried forever. */
export async function runQueuedReconciles(deps: ReconcileDeps): Promise<{ succeeded: number; failed: number }> {
  const counts = { succeeded: 0, failed: 0 };
  for (const queued of await deps.jobs.queued(RECONCILE_JOBS_PER_RUN)) {
    const job = await deps.jobs.get(queued.tenantId, queued.id);
    if (!job) continue;
    try {
      const result =
        job.kind === 'lead-index'
          ? await deps.leadIndex.reindex(job.tenantId)
          : await reconcileTenant(deps, job.tenantId);
      await deps.jobs.finish({ ...job, status: 'succeeded', result, finishedAt: now() });
      counts.succeeded += 1;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await deps.jobs.finish({ ...job, status: 'failed', error, finishedAt: now() });
      counts.failed += 1;
    }
  }
  return counts;
}
