import type { DocumentsDeps } from '#core/documents/ports';
import { INTERRUPTED, type DueJob } from '#core/templates/job';
import { abandonJob, completeJob, isRegistered } from '#core/templates/job-output';
import type { JobObjects, JobsStore, SequencesStore } from '#core/templates/ports';

// A render job's workflow can die with the server (kill -9 locally, a lost execution on AWS) and
// leave the job `running`, its number `taken` and its output half-made. Every job is registered by
// a deadline past the longest its workflow can last; the scheduled sweeper settles each overdue
// job from what is stored, never from the workflow: a registered document means the render
// finished (succeeded, number issued); anything else is undone (reservation released, object and
// unregistered document deleted, number void). Each write is conditional (upload pending, number
// taken, document version, job running), so a step still running somewhere changes nothing twice.

export interface JobSweepDeps {
  jobs: JobsStore;
  sequences: SequencesStore;
  objects: JobObjects;
  documents: DocumentsDeps;
}

/** Jobs settled per run; the next run (a minute later) takes the rest. */
export const JOB_SWEEP_BATCH = 100;

export type JobSettled = 'succeeded' | 'failed' | 'gone';

export async function sweepJobs(deps: JobSweepDeps): Promise<{ settled: Record<string, number>; failed: number }> {
  const settled: Record<string, number> = {};
  let failed = 0;
  for (const due of await deps.jobs.due(deps.documents.clock.now(), JOB_SWEEP_BATCH)) {
    try {
      const outcome = await settleJob(deps, due);
      settled[outcome] = (settled[outcome] ?? 0) + 1;
    } catch {
      failed += 1; // retried on the next run: the registry entry stays until the job is finished
    }
  }
  return { settled, failed };
}

/** Ends one overdue job as its stored facts say. */
export async function settleJob(deps: JobSweepDeps, due: DueJob): Promise<JobSettled> {
  const job = await deps.jobs.get(due.tenantId, due.jobId);
  if (!job || job.status !== 'running') {
    await deps.jobs.forget(due);
    return 'gone';
  }
  const at = deps.documents.clock.now().toISOString();
  const doc = job.output && (await deps.documents.documents.getDocument(job.tenantId, job.output.documentId));
  if (doc && isRegistered(job, doc)) {
    // Registered: the render finished all but its bookkeeping.
    await completeJob(deps, job, { documentId: doc.id, number: job.taken, at }, 'before-finish');
    return 'succeeded';
  }
  await abandonJob(deps, job, { output: job.output, number: job.taken, error: INTERRUPTED, at }, 'before-finish');
  return 'failed';
}
