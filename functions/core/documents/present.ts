import type { Document } from '#core/documents/document';

/** The document as the API shows it: everything but the tenant, which the caller's key already names. */
export function presentDocument(doc: Document) {
  const { tenantId: _tenant, ...shown } = doc;
  return shown;
}
