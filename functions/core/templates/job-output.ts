import type { DocumentsDeps } from '#core/documents/ports';
import { reject } from '#core/documents/settle-upload';
import { removeDelta } from '#core/quota/usage';
import type { Job, JobOutput } from '#core/templates/job';

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
  const doc = await deps.documents.getDocument(job.tenantId, output.documentId);
  if (!doc) return;
  if (isRegistered(job, doc)) throw new Error(`Job ${job.id} registered its document ${doc.id}.`);
  const versions = await deps.documents.listVersions(job.tenantId, doc.id);
  // Removed on behalf of the user who asked for the generation (the store's actor is a user id).
  if (!(await deps.documents.deleteDocument(doc, versions, removeDelta(versions), job.by)))
    throw new Error(`The document ${doc.id} of job ${job.id} changed while being removed.`);
  await Promise.all(versions.map((v) => deps.objects.delete(v.objectKey)));
}
