import { DomainError } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import { removeDelta } from '#core/quota/usage';
import { assertCanWriteDocument, visibleOrNotFound } from '#core/documents/access';
import type { DocumentsDeps } from '#core/documents/ports';
import type { Document, DocumentVersion } from '#core/documents/document';
import { keyActor, type Actor } from '#core/actor';
import { cancel } from '#core/documents/settle-upload';
import { twinSide } from '#core/documents/e-invoice';

const MAX_ATTEMPTS = 5;

/**
 * Deletes a document with its versions (as listed by the caller, who may read them beside other
 * things), taking all their bytes out of usage, then the versions' objects. False, with nothing
 * deleted, when the document changed since `doc` was read.
 */
export async function removeDocument(
  deps: DocumentsDeps,
  doc: Document,
  versions: DocumentVersion[],
  actor: Actor,
  twin?: { doc: Document; versions: DocumentVersion[] },
): Promise<boolean> {
  const all = [...versions, ...(twin?.versions ?? [])];
  const delta = twin ? { ...removeDelta(all), documents: -2 } : removeDelta(versions);
  if (!(await deps.documents.deleteDocument(doc, versions, delta, actor, twin?.doc))) return false;
  await Promise.all(all.map((v) => deps.objects.delete(v.objectKey)));
  return true;
}

/**
 * An invoice goes with its e-invoice (one transaction): the XML states the same invoice, and left
 * alone it would keep the access the invoice had when deleted, with nothing left to govern it. The
 * e-invoice alone cannot be deleted: the invoice would name an XML that is gone (409).
 */
async function twinGoingWith(deps: DocumentsDeps, doc: Document) {
  const side = await twinSide(deps.documents, doc.tenantId, doc.id);
  if (side?.role === 'e-invoice')
    throw new DomainError(
      'CONFLICT',
      `Document ${doc.id} is the e-invoice of ${side.invoiceId}; it is deleted with that invoice, not alone.`,
    );
  return side && twinWithVersions(deps, doc.tenantId, side.twinId);
}

/** The e-invoice of an invoice about to be removed, with its versions, for removeDocument to take along. */
export async function eInvoiceOf(deps: DocumentsDeps, doc: Document) {
  const side = await twinSide(deps.documents, doc.tenantId, doc.id);
  return side?.role === 'invoice' ? twinWithVersions(deps, doc.tenantId, side.twinId) : undefined;
}

async function twinWithVersions(deps: DocumentsDeps, tenantId: string, id: string) {
  const twin = await deps.documents.getDocument(tenantId, id);
  if (!twin) return undefined;
  return { doc: twin, versions: await deps.documents.listVersions(tenantId, twin.id) };
}

/**
 * `DELETE /v1/documents/{id}`: the document, every version, its back-links, relations and share
 * links go in one transaction that also takes all its bytes out of usage (each version from its
 * uploader); the objects are deleted afterwards, so a failure leaves orphan bytes for reconcile,
 * never a document whose bytes are gone. Works over quota too: deleting is how a tenant gets under.
 * The document's pending version uploads are cancelled after it (their URLs' PUTs are then deleted
 * by the finaliser, and completing them is 410); one that settles first is rejected by settle().
 */
export async function deleteDocument(
  deps: DocumentsDeps,
  caller: TenantCaller,
  id: string,
  ifMatch?: number,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, id), id);
    assertCanWriteDocument(caller, doc);
    if (ifMatch !== undefined && ifMatch !== doc.version)
      throw new DomainError('VERSION_CONFLICT', `Document ${id} is at version ${doc.version}, not ${ifMatch}.`);
    const [versions, pending, twin] = await Promise.all([
      deps.documents.listVersions(caller.tenantId, id),
      deps.documents.pendingUploads(caller.tenantId, id),
      twinGoingWith(deps, doc),
    ]);
    if (await removeDocument(deps, doc, versions, keyActor(caller), twin)) {
      for (const upload of pending) await cancel(deps, upload, 'its document was deleted');
      return;
    }
    if (ifMatch !== undefined) throw new DomainError('VERSION_CONFLICT', `Document ${id} changed; read it again.`);
  }
  throw new DomainError('UNAVAILABLE', `Document ${id} is changing too fast; retry.`, [], { 'retry-after': '1' });
}
