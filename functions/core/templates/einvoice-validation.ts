import { documentUpdated } from '#core/documents/events';
import type { OutboxEvent } from '#core/records/events';
import { systemActor } from '#core/actor';
import type { Clock } from '#core/clock';
import { DomainError } from '#core/errors';
import type { Document } from '#core/documents/document';
import type { DocumentsStore } from '#core/documents/ports';
import type { EInvoiceCheck } from '#core/documents/e-invoice';
import type { EInvoiceStatus, EInvoiceWarning } from '#core/einvoice/status';
import type { EInvoiceValidation, EInvoiceValidator } from '#core/einvoice/validation';
import type { Actor, Change } from '#core/records/record';

// The e-invoice's Schematron (EN 16931 and Peppol BIS Billing 3.0), after the invoice is registered.
// At about 0.5 s warm for a 40-line invoice (and seconds cold, reading 10.7 MB of rules) it would
// triple the invoice's answer, so register stores the XML `pending` (its XSD already checked beside
// Chromium) and hands it here through an asynchronous invoke (validate-einvoice); the result goes on
// both documents and their timelines. A lost hand-off (the Lambda crashed, the invoke failed) is
// noticed by reading: a document still pending after STALE_PENDING_MS is handed over again
// (core/documents/e-invoice.ts, revalidateStale).

export interface EInvoiceResult {
  pdf: Document;
  xml: Document;
  entry: { type: 'e_invoice_validated' | 'e_invoice_invalid'; changes: Change[] };
  actor: Actor;
  /** Each document's `document.updated` (its e-invoice status), committed with the save. */
  events: OutboxEvent[];
}

export interface EInvoiceResults {
  /**
   * Both documents at the versions they were read at (`pdf.version - 1`, `xml.version - 1`), with
   * the entry on each one's timeline, in one transaction: 'version-conflict' when either moved.
   */
  save(result: EInvoiceResult): Promise<'saved' | 'version-conflict'>;
}

export interface ValidateStoredDeps {
  documents: DocumentsStore;
  /** The XML's bytes, as text. */
  xml: { read(objectKey: string): Promise<string> };
  /** The Schematron: the XSD passed before the XML was stored. */
  validator: EInvoiceValidator;
  results: EInvoiceResults;
  clock: Clock;
}

export type ValidateOutcome = { outcome: 'valid' | 'invalid'; rules: string[] } | { outcome: 'stale'; why: string };

const ATTEMPTS = 4;

/**
 * Validates the XML the job stored and states the result on the invoice and its twin. Changes
 * nothing when the pair no longer waits for this job's result (a regeneration made a newer
 * version, or the result is in already): each write is conditional on the documents' versions,
 * re-checked after any conflict, so a stale validation never overwrites a newer one's status.
 */
export async function validateStored(deps: ValidateStoredDeps, check: EInvoiceCheck): Promise<ValidateOutcome> {
  const first = await pendingPair(deps, check);
  if ('why' in first) return { outcome: 'stale', why: first.why };
  const version = await deps.documents.getVersion(check.tenantId, first.xml.id, first.xml.currentVersion);
  if (!version) return { outcome: 'stale', why: 'the XML version is gone' };
  const result = await deps.validator.validate(await deps.xml.read(version.objectKey));
  let pair = first;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const statuses = resultOf(pair.pdf.eInvoice!, pair.pdf.id, result);
    const at = deps.clock.now().toISOString();
    const pdf = { ...pair.pdf, eInvoice: statuses.pdf, version: pair.pdf.version + 1, updatedAt: at };
    const xml = { ...pair.xml, eInvoice: statuses.xml, version: pair.xml.version + 1, updatedAt: at };
    const actor = systemActor('validate-einvoice', check.jobId);
    const saved = await deps.results.save({
      pdf,
      xml,
      entry: {
        type: result.valid ? 'e_invoice_validated' : 'e_invoice_invalid',
        changes: [{ field: 'eInvoice', from: { status: 'pending' }, to: statuses.pdf }],
      },
      actor,
      events: [documentUpdated(pair.pdf, pdf, actor), documentUpdated(pair.xml, xml, actor)],
    });
    const rules = result.errors.map((e) => e.rule);
    if (saved === 'saved') return { outcome: result.valid ? 'valid' : 'invalid', rules };
    // Someone changed either document meanwhile (a tag, a regeneration): still ours to settle?
    const again = await pendingPair(deps, check);
    if ('why' in again) return { outcome: 'stale', why: again.why };
    if (again.xml.currentVersion !== version.number) return { outcome: 'stale', why: 'a newer XML version' };
    pair = again;
  }
  throw new DomainError(
    'CONFLICT',
    `The e-invoice of document ${check.documentId} kept changing while being validated.`,
  );
}

/** The invoice and its XML, both still pending and made by the job named: else why not. */
async function pendingPair(
  deps: ValidateStoredDeps,
  check: EInvoiceCheck,
): Promise<{ pdf: Document; xml: Document } | { why: string }> {
  const pdf = await deps.documents.getDocument(check.tenantId, check.documentId);
  if (!pdf) return { why: 'the invoice is gone' };
  if (pdf.generated?.jobId !== check.jobId) return { why: 'the invoice was regenerated by another job' };
  if (pdf.eInvoice?.status !== 'pending' || !pdf.eInvoice.documentId)
    return { why: `the invoice's e-invoice is ${pdf.eInvoice?.status ?? 'absent'}` };
  const xml = await deps.documents.getDocument(check.tenantId, pdf.eInvoice.documentId);
  if (!xml) return { why: 'the XML document is gone' };
  if (xml.generated?.jobId !== check.jobId) return { why: 'the XML was made by another job' };
  if (xml.eInvoice?.status !== 'pending') return { why: `the XML is ${xml.eInvoice?.status ?? 'unmarked'}` };
  return { pdf, xml };
}

/** The statuses the pair takes: the invoice's names its XML, the XML's its invoice. */
function resultOf(
  pending: EInvoiceStatus,
  invoiceId: string,
  result: EInvoiceValidation,
): { pdf: EInvoiceStatus; xml: EInvoiceStatus } {
  // The mapping's warnings (an unmapped unit), then the rules'.
  const warnings: EInvoiceWarning[] = [
    ...(pending.warnings ?? []),
    ...result.warnings.map((w) => ({ path: w.path, message: `${w.rule}: ${w.message}` })),
  ];
  const status: EInvoiceStatus = {
    status: result.valid ? 'valid' : 'invalid',
    ...(pending.kind ? { kind: pending.kind } : {}),
    ...(result.valid ? {} : { errors: result.errors.map(({ rule, message, path }) => ({ rule, message, path })) }),
    ...(warnings.length ? { warnings } : {}),
  };
  return { pdf: { ...status, documentId: pending.documentId }, xml: { ...status, invoiceId } };
}
