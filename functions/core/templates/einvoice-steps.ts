import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import { actorOf } from '#core/actor';
import type { Document, GeneratedFrom } from '#core/documents/document';
import type { DocumentsDeps } from '#core/documents/ports';
import { linkChange } from '#core/documents/patch-document';
import { settle } from '#core/documents/settle-upload';
import { uploadObjectKey, uploadTimes, type Upload } from '#core/documents/upload';
import { eInvoicePrecheck } from '#core/einvoice/precheck';
import type { EInvoiceStatus, EInvoiceWarning } from '#core/einvoice/status';
import { buildEInvoice, type EInvoiceOptions } from '#core/einvoice/ubl';
import type { EInvoiceValidator } from '#core/einvoice/validation';
import { limitFor } from '#core/quota/plans';
import { quotaExceeded, reservationRule } from '#core/quota/reservation';
import { reserveDelta } from '#core/quota/usage';
import type { TenancyStore } from '#core/tenancy/ports';
import type { Job } from '#core/templates/job';
import type { JobObjects } from '#core/templates/ports';

// The e-invoice's part of the render workflow (issue 22). Its XML is built from the very data the
// HTML was rendered from, with the number, in the same step (so the two cannot disagree); it is
// validated in its own Lambda beside Chromium (the rules' 13 MB stay out of both other bundles);
// register keeps it as a document of its own, related to the PDF by `e-invoice`.

/** The e-invoice's options from the job's order: a credit note, and the invoice it credits. */
export const optionsOf = (job: Job): EInvoiceOptions => ({
  ...(job.eInvoice?.creditNote ? { creditNote: true } : {}),
  ...(job.eInvoice?.creditFor ? { creditFor: job.eInvoice.creditFor } : {}),
});

const applies = (job: Job) => job.eInvoice !== undefined && job.eInvoice.mode !== 'skipped';

/**
 * Before the number: what the e-invoice cannot be made from. A document that cannot be an e-invoice
 * (no lines, quantity 0, too many decimals, an unknown currency, an exempt line without its reason)
 * is a 400 naming each field; data the tenant or company has not filled in is one too when the
 * request said `eInvoice: "required"`, else the PDF is made and the document says `missing-data`.
 */
export function checkEInvoice(job: Job, data: Record<string, unknown>): EInvoiceStatus | undefined {
  if (!applies(job)) return undefined;
  const { missing, invalid } = eInvoicePrecheck(data, optionsOf(job));
  const say = (problems: typeof missing) => problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  // The record's own data at fault: named under `record`, the part of the request that chose it
  // (the client reads `body.record.lineItems[1].taxExemptionReason`).
  if (invalid.length)
    throw new DomainError(
      'VALIDATION',
      `The ${job.record.entity} cannot be an e-invoice: ${say(invalid)}.`,
      invalid.map((p) => ({ path: `record.${p.path}`, message: p.message })),
      {},
      // Marks the refusal as the pre-check's, so the job keeps every field it names, even one.
      { eInvoice: true },
    );
  // Tenant and company data, named as the conversion's required fields are (`company.address.countryCode`).
  if (missing.length && job.eInvoice!.mode === 'required')
    throw new DomainError(
      'REQUIRED_FIELDS_MISSING',
      `The e-invoice needs what is not filled in yet: ${say(missing)}.`,
      missing,
      {},
      { eInvoice: true },
    );
  return missing.length ? { status: 'missing-data', missing: missing.map((p) => p.path) } : undefined;
}

/** The state's share of the e-invoice: the XML (inline, or in scratch when large) and its status so far. */
export interface EInvoiceState {
  eInvoice?: EInvoiceStatus;
  eInvoiceXml?: string;
  /** The XML waits in the job's scratch (too large for the state beside the HTML). */
  eInvoiceXmlInScratch?: true;
}

/**
 * With the number, from the data the HTML was just rendered from: the XML, `pending` until the
 * validation beside Chromium says `valid` or `invalid`. Nothing when the e-invoice does not apply
 * or data is missing (the status the check gave stays).
 */
export function buildXml(job: Job, data: Record<string, unknown>, status: EInvoiceStatus | undefined) {
  if (!applies(job) || status) return undefined;
  const { xml, kind, warnings } = buildEInvoice(data, optionsOf(job));
  return { xml, status: { status: 'pending', kind, warnings } satisfies EInvoiceStatus };
}

const XML_SCRATCH = 'einvoice.xml.json';

export async function putXml(objects: JobObjects, scratch: string, xml: string): Promise<void> {
  await objects.putJson(`${scratch}${XML_SCRATCH}`, xml);
}

async function xmlOf(objects: JobObjects, scratch: string, s: EInvoiceState): Promise<string> {
  return s.eInvoiceXml ?? objects.getJson<string>(`${scratch}${XML_SCRATCH}`);
}

/** The validation beside Chromium: the status the document will carry (warnings: the mapping's, then the rules'). */
export async function validateXml(
  deps: { objects: JobObjects; validator: EInvoiceValidator },
  scratch: string,
  s: EInvoiceState,
): Promise<EInvoiceStatus> {
  const pending = s.eInvoice!;
  const result = await deps.validator.validate(await xmlOf(deps.objects, scratch, s));
  const warnings: EInvoiceWarning[] = [
    ...(pending.warnings ?? []),
    ...result.warnings.map((w) => ({ path: w.path, message: `${w.rule}: ${w.message}` })),
  ];
  return {
    status: result.valid ? 'valid' : 'invalid',
    ...(pending.kind ? { kind: pending.kind } : {}),
    ...(result.valid ? {} : { errors: result.errors.map(({ rule, message, path }) => ({ rule, message, path })) }),
    ...(warnings.length ? { warnings } : {}),
  };
}

export interface StoreXmlDeps {
  documents: DocumentsDeps;
  objects: JobObjects;
  tenancy: TenancyStore;
}

/**
 * A valid XML becomes a document of its own (a new version of the one the invoice had, on a
 * regeneration), reserved and settled like any output, so its bytes count against the quota; it
 * takes the PDF's links, visibility and ACL and its `generated` (same number, same data hash).
 */
export async function storeXml(
  deps: StoreXmlDeps,
  job: Job,
  scratch: string,
  s: EInvoiceState,
  pdf: Document,
  generated: GeneratedFrom,
): Promise<EInvoiceStatus> {
  const status = s.eInvoice!;
  const bytes = Buffer.from(await xmlOf(deps.objects, scratch, s));
  const before = pdf.eInvoice?.documentId
    ? await deps.documents.documents.getDocument(job.tenantId, pdf.eInvoice.documentId)
    : undefined;
  const documentId = before?.id ?? newId('doc');
  const id = newId('upl');
  const tenant = await deps.tenancy.getTenant(job.tenantId);
  const limit = tenant ? limitFor(tenant.plan, tenant.seats) : 0;
  const size = bytes.byteLength;
  const fileName = pdf.name.replace(/\.pdf$/i, '') + '.xml';
  const upload: Upload = {
    id,
    tenantId: job.tenantId,
    documentId,
    kind: before ? 'version' : 'document',
    fileName,
    contentType: 'application/xml',
    size,
    sha256: '',
    // Capped at its own size: settled with the checksum the store computed.
    capped: true,
    links: pdf.links,
    by: job.by,
    objectKey: uploadObjectKey(job.tenantId, documentId, id),
    ...uploadTimes(deps.documents.clock.now().toISOString()),
    status: 'pending',
  };
  const outcome = await deps.documents.documents.reserveUpload(
    upload,
    reservationRule(limit, size),
    reserveDelta(size),
  );
  if (!outcome.ok) {
    if (outcome.reason === 'quota') throw quotaExceeded(outcome.usage, limit!, size);
    throw new DomainError('CONFLICT', 'The e-invoice could not be reserved: its invoice or record is gone.');
  }
  const head = await deps.objects.putBytes(upload.objectKey, bytes, 'application/xml');
  const settled = await settle(deps.documents, upload, head);
  // What the settling wrote; read back only when the S3 event's finaliser settled it first.
  const xmlDoc =
    (settled.status === 'completed' && settled.document) ||
    (await deps.documents.documents.getDocument(job.tenantId, documentId));
  if (!xmlDoc) throw new DomainError('CONFLICT', 'The e-invoice was not registered.');
  const links = linkChange(xmlDoc.links, pdf.links);
  const next: Document = {
    ...xmlDoc,
    name: fileName,
    links: pdf.links,
    visibility: pdf.visibility,
    acl: pdf.acl,
    generated,
    version: xmlDoc.version + 1,
    updatedAt: new Date().toISOString(),
  };
  const saved = await deps.documents.documents.saveDocument(next, xmlDoc.version, links, actorOf(job.by, job.keyId));
  if (saved !== 'saved') throw new DomainError('CONFLICT', 'The e-invoice changed while being registered.');
  await deps.documents.documents.putRelation({
    id: newId('rel'),
    tenantId: job.tenantId,
    fromId: pdf.id,
    toId: documentId,
    type: 'e-invoice',
    createdAt: next.updatedAt,
    by: job.by,
  });
  return { ...status, documentId };
}

/** What the invoice document says of its e-invoice when none is stored. */
export function unstoredStatus(job: Job, s: EInvoiceState): EInvoiceStatus | undefined {
  if (!job.eInvoice) return undefined;
  if (job.eInvoice.mode === 'skipped') return { status: 'skipped' };
  return s.eInvoice;
}
