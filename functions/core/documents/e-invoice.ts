import { DomainError } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import { canSee, visibleOrNotFound } from '#core/documents/access';
import type { Document } from '#core/documents/document';
import { downloadOf } from '#core/documents/download';
import type { DocumentsDeps, DocumentsStore } from '#core/documents/ports';

export type { EInvoiceCheck, EInvoiceChecks } from '#core/documents/ports';

// An invoice generated with an e-invoice is two documents: the PDF, which states the e-invoice's
// status (`eInvoice`), and the XML, related from it by `e-invoice`. The XML takes its links,
// visibility and ACL from the PDF and changes only with it, so nobody reaches through the twin what
// the PDF keeps from them.

/** The document's side of an e-invoice pair, read from its relations (one Query). */
export type TwinSide = { role: 'invoice'; twinId: string } | { role: 'e-invoice'; invoiceId: string };

export async function twinSide(store: DocumentsStore, tenantId: string, documentId: string) {
  const relation = (await store.listRelations(tenantId, documentId)).find((r) => r.type === 'e-invoice');
  if (!relation) return undefined;
  return relation.fromId === documentId
    ? ({ role: 'invoice', twinId: relation.toId } satisfies TwinSide)
    : ({ role: 'e-invoice', invoiceId: relation.fromId } satisfies TwinSide);
}

/**
 * `GET /v1/documents/{id}/e-invoice`: the XML of an invoice whose e-invoice is valid, as a download.
 * None (not an invoice, skipped, missing data) is 404; invalid is 409 with the rules it failed;
 * pending is 409 with Retry-After (the status changes by itself, nothing was accepted here, so not 202).
 */
export async function eInvoiceTarget(deps: DocumentsDeps, caller: TenantCaller, documentId: string) {
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  const state = doc.eInvoice;
  if (state?.status === 'invalid')
    throw new DomainError(
      'CONFLICT',
      `The e-invoice of document ${documentId} failed validation (${(state.errors ?? []).map((e) => e.rule).join(', ') || 'see eInvoice.errors'}); its XML is not served. Correct the data and regenerate.`,
      [],
      {},
      { eInvoice: state },
    );
  if (state?.status === 'pending') {
    await revalidateStale(deps, doc);
    throw new DomainError(
      'CONFLICT',
      `The e-invoice of document ${documentId} is still being validated; ask again in a moment.`,
      [],
      { 'retry-after': '2' },
      { eInvoice: state },
    );
  }
  const twin =
    state?.status === 'valid' && state.documentId ? await visibleTwin(deps, caller, state.documentId) : undefined;
  if (!twin) throw new DomainError('NOT_FOUND', noEInvoice(doc));
  const version = await deps.documents.getVersion(caller.tenantId, twin.id, twin.currentVersion);
  if (!version) throw new DomainError('NOT_FOUND', noEInvoice(doc));
  return { ...downloadOf(twin, version), documentId: twin.id };
}

async function visibleTwin(deps: DocumentsDeps, caller: TenantCaller, id: string): Promise<Document | undefined> {
  const twin = await deps.documents.getDocument(caller.tenantId, id);
  return twin && canSee(caller, twin) ? twin : undefined;
}

function noEInvoice(doc: Document): string {
  const status = doc.eInvoice?.status;
  if (status === 'skipped')
    return `Document ${doc.id} has no e-invoice: it was skipped (e-invoicing is off for the tenant, or the invoice is a draft or HTML).`;
  if (status === 'missing-data')
    return `Document ${doc.id} has no e-invoice: data it needs is missing (${(doc.eInvoice?.missing ?? []).join(', ')}).`;
  return `Document ${doc.id} has no e-invoice.`;
}

/**
 * A pending e-invoice older than this is taken for lost: the validation takes seconds at most, and
 * Lambda's own retries of a failed asynchronous invoke come within 3 minutes.
 */
export const STALE_PENDING_MS = 5 * 60_000;

/**
 * Reading an invoice whose e-invoice has waited past STALE_PENDING_MS: its hand-off was lost (the
 * validation Lambda crashed before writing, or the invoke failed), so it is handed over again. A
 * second validation beside one still running changes nothing (whichever writes second finds the
 * pair no longer pending). Never throws: the reader gets the document either way.
 */
export async function revalidateStale(deps: Pick<DocumentsDeps, 'eInvoiceChecks' | 'clock'>, doc: Document) {
  if (!deps.eInvoiceChecks || doc.eInvoice?.status !== 'pending' || !doc.eInvoice.documentId || !doc.generated)
    return false;
  if (deps.clock.now().getTime() - Date.parse(doc.updatedAt) < STALE_PENDING_MS) return false;
  await deps.eInvoiceChecks.request({ tenantId: doc.tenantId, documentId: doc.id, jobId: doc.generated.jobId });
  return true;
}
