import { systemActor } from '#core/actor';
import type { DocumentsDeps } from '#core/documents/ports';
import { eInvoiceOf, removeDocument } from '#core/documents/delete-document';
import { reject } from '#core/documents/settle-upload';
import type { Job, JobOutput } from '#core/templates/job';
import type { JobObjects, JobsStore, SequencesStore } from '#core/templates/ports';
import type { IssuedNumber } from '#core/templates/sequence';

/** Where a job keeps its data and HTML between the workflow's steps. */
export const jobScratch = (tenantId: string, jobId: string) => `t/${tenantId}/jobs/${jobId}/`;

/** A job's document is registered once register named it and pinned it to the job. */
export const isRegistered = (job: Job, doc: { generated?: { jobId: string } } | undefined): boolean =>
  doc?.generated?.jobId === job.id;

/**
 * Gives back what a failed or cut-off job's output holds: a pending reservation is released with
 * its object deleted; an upload the finaliser already turned into a document (a plain
 * `document.pdf`, linked to the record and counted in usage, that register never named) is
 * deleted with its bytes. Throws when the document is registered or changed meanwhile: the job
 * then stays running and the job sweeper decides from what is stored.
 */
export async function undoOutput(
  deps: DocumentsDeps,
  job: Job,
  output: JobOutput | undefined,
  reason: string,
): Promise<void> {
  if (!output) return;
  const upload = await deps.documents.getUpload(job.tenantId, output.uploadId);
  if (upload?.status === 'pending') await reject(deps, upload, 'rejected', reason, true);
  // A regeneration's document is not the job's to delete. A version it added but never pinned
  // stays: its bytes are the document rendered with the number it already had.
  if (job.regenerates) return;
  const doc = await deps.documents.getDocument(job.tenantId, output.documentId);
  if (!doc) return;
  if (isRegistered(job, doc)) throw new Error(`Job ${job.id} registered its document ${doc.id}.`);
  // The job's own undo (its fail step, or the sweeper after a crash): the system's, naming the job.
  // An e-invoice already stored beside it (register failed after storing the XML) goes with it.
  const [versions, twin] = await Promise.all([
    deps.documents.listVersions(job.tenantId, doc.id),
    eInvoiceOf(deps, doc),
  ]);
  if (!(await removeDocument(deps, doc, versions, systemActor('render-job', job.id), twin)))
    throw new Error(`The document ${doc.id} of job ${job.id} changed while being removed.`);
}

/** What ending a job writes to. */
export interface JobEndDeps {
  jobs: JobsStore;
  sequences: SequencesStore;
  objects: JobObjects;
}

/**
 * When the job's scratch is cleared: the workflow's register and fail steps clear it after
 * finishing the job, the job sweeper before; `none` when the workflow put nothing there.
 */
export type ScratchCleared = 'before-finish' | 'after-finish' | 'none';

async function finishJob(deps: JobEndDeps, ended: Job, scratch: ScratchCleared, issued?: IssuedNumber): Promise<void> {
  const prefix = jobScratch(ended.tenantId, ended.id);
  if (scratch === 'before-finish') await deps.objects.deletePrefix(prefix);
  await deps.jobs.finish(ended, issued);
  if (scratch === 'after-finish') await deps.objects.deletePrefix(prefix);
}

/** Ends a job whose document is registered: its number (if any) is issued, the job succeeded, in one write. */
export async function completeJob(
  deps: JobEndDeps,
  job: Job,
  done: { documentId: string; number: IssuedNumber | undefined; at: string },
  scratch: ScratchCleared,
): Promise<void> {
  const { documentId, number, at } = done;
  // The number is issued by the transaction that ends the job: one write, and never one without the other.
  await finishJob(
    deps,
    { ...job, status: 'succeeded', documentId, ...(number ? { number: number.number } : {}), finishedAt: at },
    scratch,
    number && { ...number, documentId, settledAt: at, status: 'issued' },
  );
}

/** Ends a job without a document: its output is undone, its number (if any) void, the job failed. */
export async function abandonJob(
  deps: JobEndDeps & { documents: DocumentsDeps },
  job: Job,
  failed: {
    output: JobOutput | undefined;
    number: IssuedNumber | undefined;
    error: NonNullable<Job['error']>;
    at: string;
  },
  scratch: ScratchCleared,
): Promise<void> {
  const { output, number, error, at } = failed;
  await undoOutput(deps.documents, job, output, error.message);
  if (number) await deps.sequences.settle(job.tenantId, number, 'void', { reason: error.message, settledAt: at });
  await finishJob(deps, { ...job, status: 'failed', error, finishedAt: at }, scratch);
}
