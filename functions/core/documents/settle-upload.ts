import { newDocument, withVersion, type Document, type DocumentVersion } from '#core/documents/document';
import type { DocumentsDeps, ObjectHead } from '#core/documents/ports';
import type { Upload } from '#core/documents/upload';
import type { Actor } from '#core/actor';
import { commitCappedDelta, commitDelta, releaseDelta } from '#core/quota/usage';

// Settling a pending upload whose object is in the bucket: the one place that turns a reservation
// into a document or a version, shared by the S3 event, `complete` and the sweeper. Each end is one
// conditional transaction on the upload's `pending` status, so whichever path comes first wins and
// the others change nothing.

/**
 * `document` is null when it was deleted after the upload completed. `made` is the version this
 * call committed (absent when another path settled the upload first): its caller need not read back.
 */
export type Settled =
  | { status: 'completed'; document: Document | null; made?: DocumentVersion }
  | { status: 'rejected' | 'expired' | 'cancelled'; reason: string }
  | { status: 'pending' };

/** Why the object differs from the reservation, or undefined when it matches. */
export function mismatch(upload: Upload, head: ObjectHead): string | undefined {
  if (upload.capped)
    return head.size > upload.size ? `size over the cap: ${head.size} bytes, ${upload.size} at most` : undefined;
  if (head.size !== upload.size) return `size mismatch: ${head.size} bytes arrived, ${upload.size} were declared`;
  if (head.sha256 !== undefined && head.sha256 !== upload.sha256)
    return 'checksum mismatch: the SHA-256 of what arrived differs from the declared one';
  return undefined;
}

/** What a settled upload stands for now, read back after another path settled it. */
export async function current(deps: DocumentsDeps, upload: Upload): Promise<Settled> {
  const now = await deps.documents.getUpload(upload.tenantId, upload.id);
  if (!now || now.status === 'pending') return { status: 'pending' };
  if (now.status !== 'completed') return { status: now.status, reason: now.reason ?? '' };
  const document = await deps.documents.getDocument(upload.tenantId, upload.documentId);
  return { status: 'completed', document: document ?? null };
}

export async function reject(
  deps: DocumentsDeps,
  upload: Upload,
  status: 'rejected' | 'expired',
  reason: string,
  objectPresent: boolean,
): Promise<Settled> {
  // Object first: a crash between the two leaves a pending upload the sweeper settles, never a
  // released reservation with bytes still stored.
  if (objectPresent) await deps.objects.delete(upload.objectKey);
  const released = await deps.documents.releaseUpload({
    upload,
    status,
    reason,
    settledAt: deps.clock.now().toISOString(),
    delta: releaseDelta(upload.size),
  });
  return released ? { status, reason } : current(deps, upload);
}

/**
 * Ends a pending upload on request (its uploader, or its document deleted). Release first, then
 * the object: an object that arrived may be settling right now, and only the release's condition
 * (still pending) says it will not become a version. A crash between the two leaves bytes counted
 * nowhere, which reconcile reports; a later PUT to the URL is deleted by the finaliser.
 */
export async function cancel(deps: DocumentsDeps, upload: Upload, reason: string): Promise<Settled> {
  const released = await deps.documents.releaseUpload({
    upload,
    status: 'cancelled',
    reason,
    settledAt: deps.clock.now().toISOString(),
    delta: releaseDelta(upload.size),
  });
  if (!released) return current(deps, upload);
  await deps.objects.delete(upload.objectKey);
  return { status: 'cancelled', reason };
}

const MAX_ATTEMPTS = 5;

/**
 * What the caller settling its own output (a render job's register) makes of the document and
 * the version in the same transaction: one write instead of settling, then renaming.
 */
export interface SettleAs {
  shape(document: Document, version: DocumentVersion): { document: Document; version: DocumentVersion };
  actor: Actor;
}

/** `known`: the document as already read with the upload (null: absent), saving the first read. */
export async function settle(
  deps: DocumentsDeps,
  upload: Upload,
  head: ObjectHead,
  known?: Document | null,
  as?: SettleAs,
): Promise<Settled> {
  const wrong = mismatch(upload, head);
  if (wrong) return reject(deps, upload, 'rejected', wrong, true);
  let links = upload.links;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const at = deps.clock.now().toISOString();
    const existing =
      upload.kind === 'document'
        ? undefined
        : attempt === 0 && known !== undefined
          ? (known ?? undefined)
          : await deps.documents.getDocument(upload.tenantId, upload.documentId);
    if (upload.kind === 'version' && !existing)
      return reject(deps, upload, 'rejected', 'the document was deleted before the new version arrived', true);
    const plain: DocumentVersion = {
      documentId: upload.documentId,
      number: existing ? existing.currentVersion + 1 : 1,
      size: upload.capped ? head.size : upload.size,
      sha256: upload.capped ? (head.sha256 ?? upload.sha256) : upload.sha256,
      contentType: upload.contentType,
      objectKey: upload.objectKey,
      fileName: upload.fileName,
      createdAt: at,
      by: upload.by,
    };
    const made = existing ? withVersion(existing, plain) : newDocument(plain, upload.tenantId, links);
    const { document, version } = as ? as.shape(made, plain) : { document: made, version: plain };
    const outcome = await deps.documents.commitUpload({
      upload,
      settledAt: at,
      version,
      document,
      ...(as ? { actor: as.actor } : {}),
      // A new document made from generated output is announced by the step that names it (here
      // only when this is that step); a new version is announced as it settles, as any version is.
      announce: !upload.capped || upload.kind === 'version' || as !== undefined,
      expectedDocumentVersion: existing ? existing.version : null,
      delta: upload.capped
        ? commitCappedDelta(upload.size, head.size, upload.by, !existing)
        : commitDelta(upload.size, upload.by, !existing),
    });
    if (outcome === 'committed') {
      // The approval bound to the old version is voided by its own function, not in this path.
      if (existing?.status === 'in_approval')
        await deps.versionEvents?.versionAdded({
          tenantId: upload.tenantId,
          documentId: document.id,
          version: version.number,
        });
      return { status: 'completed', document, made: version };
    }
    if (outcome === 'not-pending') return current(deps, upload);
    // A record deleted since the reservation: the document is kept, without the dead link.
    if (typeof outcome === 'object')
      links = links.filter((l) => !outcome.missingLinks.some((m) => m.entity === l.entity && m.id === l.id));
  }
  return { status: 'pending' };
}
