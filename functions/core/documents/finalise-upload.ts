import { DomainError, notFound } from '#core/errors';
import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';
import { canSee } from '#core/documents/access';
import type { Document } from '#core/documents/document';
import type { DocumentsDeps } from '#core/documents/ports';
import { cancel, reject, settle, type Settled } from '#core/documents/settle-upload';
import { parseUploadObjectKey, type Upload, type UploadStatus } from '#core/documents/upload';

/** An upload is its uploader's (and admins'): another member learns nothing of it, not even that it exists. */
async function ownUpload(deps: DocumentsDeps, caller: TenantCaller, uploadId: string): Promise<Upload> {
  const upload = await deps.documents.getUpload(caller.tenantId, uploadId);
  if (!upload || (upload.by !== caller.userId && !roleAtLeast(caller.role, 'admin')))
    return notFound('upload', uploadId);
  return upload;
}

export type FinaliseResult = Settled | { status: 'ignored'; why: string };

/**
 * The S3 ObjectCreated path. The event only says which key changed: the size is read from the
 * object itself (an event can be late or duplicated). An object under no pending upload of ours is
 * ignored when it is not ours (unknown key or upload) or a live version's bytes; otherwise it is
 * deleted: its reservation was released, or its document deleted, so its bytes are counted
 * nowhere. That is the same presigned URL PUT again within its 15 minutes, after a cancel, a
 * rejection or a delete of the document (S3 takes it as happily as the first time).
 */
export async function finaliseUpload(deps: DocumentsDeps, event: { key: string }): Promise<FinaliseResult> {
  const named = parseUploadObjectKey(event.key);
  if (!named) return { status: 'ignored', why: 'not an upload key' };
  const { upload, document } = await deps.documents.getUploadAndDocument(
    named.tenantId,
    named.uploadId,
    named.documentId,
  );
  if (!upload || upload.documentId !== named.documentId) return { status: 'ignored', why: 'no such upload' };
  if (upload.status !== 'pending') {
    if (await liveVersionKeeps(deps, upload, document)) return { status: 'ignored', why: 'already completed' };
    // The batch may have read the upload just after, and the document just before, the transaction
    // that settled both (a render's register naming its new document): the bytes are deleted only
    // when both, read as of one moment, say that no live version keeps them.
    const again = await deps.documents.getUploadAndDocument(named.tenantId, named.uploadId, named.documentId, {
      atomic: true,
    });
    if (again.upload && (await liveVersionKeeps(deps, again.upload, again.document)))
      return { status: 'ignored', why: 'already completed' };
    await deps.objects.delete(upload.objectKey);
    return { status: 'ignored', why: `arrived after the upload was ${upload.status}; object deleted` };
  }
  const head = await deps.objects.head(upload.objectKey);
  if (!head) return { status: 'ignored', why: 'object already gone' };
  return settle(deps, upload, head, document ?? null);
}

/** True when a version of the (live) document is this upload's object: then the bytes are counted. */
async function liveVersionKeeps(deps: DocumentsDeps, upload: Upload, document?: Document): Promise<boolean> {
  if (upload.status !== 'completed' || !document) return false;
  const versions =
    upload.versionNumber !== undefined
      ? [await deps.documents.getVersion(upload.tenantId, upload.documentId, upload.versionNumber)]
      : await deps.documents.listVersions(upload.tenantId, upload.documentId);
  return versions.some((v) => v?.objectKey === upload.objectKey);
}

/** `POST /v1/uploads/{id}/complete`: the same settlement, answered synchronously. */
export async function completeUpload(deps: DocumentsDeps, caller: TenantCaller, uploadId: string): Promise<Document> {
  const upload = await ownUpload(deps, caller, uploadId);
  const outcome = upload.status === 'pending' ? await settlePending(deps, upload) : await settledView(deps, upload);
  switch (outcome.status) {
    case 'completed':
      if (!outcome.document || !canSee(caller, outcome.document)) return notFound('document', upload.documentId);
      return outcome.document;
    case 'expired':
      throw new DomainError('GONE', `Upload ${uploadId} expired before its object arrived; request a new upload.`);
    case 'cancelled':
      throw new DomainError('GONE', `Upload ${uploadId} was cancelled (${outcome.reason}); request a new upload.`);
    case 'rejected':
      throw new DomainError('CONFLICT', `Upload ${uploadId} was rejected: ${outcome.reason}.`);
    case 'pending':
      throw new DomainError(
        'CONFLICT',
        `The object of upload ${uploadId} has not arrived yet; PUT it to the upload URL first.`,
        [],
        { 'retry-after': '1' },
      );
  }
}

async function settlePending(deps: DocumentsDeps, upload: Upload): Promise<Settled> {
  const head = await deps.objects.head(upload.objectKey);
  if (head) return settle(deps, upload, head);
  // The URL no longer works, so nothing can arrive: release now rather than wait for the sweeper.
  if (deps.clock.now().getTime() >= Date.parse(upload.expiresAt))
    return reject(deps, upload, 'expired', 'the upload URL expired before the object arrived', false);
  return { status: 'pending' };
}

async function settledView(deps: DocumentsDeps, upload: Upload): Promise<Settled> {
  if (upload.status !== 'completed')
    return { status: upload.status as Exclude<UploadStatus, 'pending' | 'completed'>, reason: upload.reason ?? '' };
  return {
    status: 'completed',
    document: (await deps.documents.getDocument(upload.tenantId, upload.documentId)) ?? null,
  };
}

/**
 * The sweeper, for each reservation whose holdUntil passed: an object that arrived but whose event
 * was lost is settled like any other; otherwise the reservation is released as expired.
 */
export async function sweepUpload(deps: DocumentsDeps, tenantId: string, uploadId: string): Promise<FinaliseResult> {
  const upload = await deps.documents.getUpload(tenantId, uploadId);
  if (!upload || upload.status !== 'pending') return { status: 'ignored', why: 'not pending' };
  if (deps.clock.now().getTime() < Date.parse(upload.holdUntil)) return { status: 'ignored', why: 'still held' };
  const head = await deps.objects.head(upload.objectKey);
  return head ? settle(deps, upload, head) : reject(deps, upload, 'expired', 'the object never arrived', false);
}

/**
 * `DELETE /v1/uploads/{id}` (the uploader, admins): the reservation is released now instead of when
 * the URL runs out, and bytes that arrive later are deleted by the finaliser. Idempotent; an upload
 * that already became a document is 409 (delete the document instead).
 */
export async function cancelUpload(deps: DocumentsDeps, caller: TenantCaller, uploadId: string): Promise<void> {
  const upload = await ownUpload(deps, caller, uploadId);
  const outcome =
    upload.status === 'pending'
      ? await cancel(deps, upload, `cancelled by ${caller.userId}`)
      : await settledView(deps, upload);
  if (outcome.status === 'cancelled') return;
  if (outcome.status === 'completed')
    throw new DomainError(
      'CONFLICT',
      `Upload ${uploadId} already became document ${upload.documentId}; delete the document instead.`,
    );
  throw new DomainError('CONFLICT', `Upload ${uploadId} is already ${outcome.status}; it holds no reservation.`);
}

/** `GET /v1/uploads/{id}`: a pending upload past its hold shows as expired before the sweeper runs. */
export async function uploadStatus(deps: DocumentsDeps, caller: TenantCaller, uploadId: string) {
  const upload = await ownUpload(deps, caller, uploadId);
  const lapsed = upload.status === 'pending' && deps.clock.now().getTime() >= Date.parse(upload.holdUntil);
  const status: UploadStatus = lapsed ? 'expired' : upload.status;
  return {
    id: upload.id,
    status,
    documentId: upload.documentId,
    fileName: upload.fileName,
    size: upload.size,
    expiresAt: upload.expiresAt,
    ...(lapsed ? { reason: 'the object never arrived' } : upload.reason ? { reason: upload.reason } : {}),
  };
}
