import type { Document, DocumentVersion } from '#core/documents/document';

/** The document as the API shows it: everything but the tenant, which the caller's key already names. */
export function presentDocument(doc: Document) {
  const { tenantId: _tenant, ...shown } = doc;
  return shown;
}

/**
 * Whether search could read a version's text, as the API shows it: `pending` until the indexer has
 * run (seconds after the upload), else its verdict and, when it failed, why.
 */
export function presentText(v: Pick<DocumentVersion, 'text'> | undefined) {
  const text = v?.text;
  return {
    textStatus: text?.status ?? ('pending' as const),
    ...(text?.reason ? { textReason: text.reason } : {}),
  };
}
