import { DomainError } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import { visibleOrNotFound } from '#core/documents/access';
import { contentDisposition } from '#core/documents/content-disposition';
import type { Document, DocumentVersion } from '#core/documents/document';
import type { DocumentsDeps } from '#core/documents/ports';

/** A presigned GET lives at most 5 minutes. */
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

/**
 * `GET /v1/documents/{id}/download[?version=]`: what the HTTP layer presigns. Every file, HTML and
 * SVG included, is served as an attachment with nosniff, so nothing uploaded runs in our origin.
 */
export async function downloadTarget(deps: DocumentsDeps, caller: TenantCaller, documentId: string, version?: number) {
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  const number = version ?? doc.currentVersion;
  const found = await deps.documents.getVersion(caller.tenantId, doc.id, number);
  if (!found)
    throw new DomainError('VALIDATION', `Document ${documentId} has no version ${number}.`, [
      { path: 'version', message: `must be a version of the document (1 to ${doc.currentVersion})` },
    ]);
  // An e-invoice XML stands for its invoice only once validated: its current version is not served
  // while pending, when invalid, or after a regeneration that made no XML (its older versions are).
  const own = doc.eInvoice;
  if (own?.invoiceId && own.status !== 'valid' && number === doc.currentVersion)
    throw new DomainError(
      'CONFLICT',
      `Document ${documentId} is the e-invoice of ${own.invoiceId} and is ${own.status}${own.errors?.length ? ` (${own.errors.map((e) => e.rule).join(', ')})` : ''}: it is not served.`,
      [],
      own.status === 'pending' ? { 'retry-after': '2' } : {},
      { eInvoice: own },
    );
  return downloadOf(doc, found);
}

/** What the HTTP layer presigns for one version of a document the caller may see. */
export function downloadOf(doc: Pick<Document, 'name'>, found: Pick<DocumentVersion, 'objectKey' | 'contentType'>) {
  return {
    objectKey: found.objectKey,
    expiresIn: DOWNLOAD_URL_TTL_SECONDS,
    responseHeaders: {
      'content-type': found.contentType,
      'content-disposition': contentDisposition(doc.name),
      'x-content-type-options': 'nosniff',
    },
  };
}
