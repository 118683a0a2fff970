import { documentSettled, documentUpdated } from '#core/documents/events';
import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import { actorOf } from '#core/actor';
import type { Document, GeneratedFrom } from '#core/documents/document';
import type { DocumentsDeps, TwinSave } from '#core/documents/ports';
import { twinSide } from '#core/documents/e-invoice';
import { linkChange } from '#core/documents/patch-document';
import { settle } from '#core/documents/settle-upload';
import { uploadObjectKey, uploadTimes, type Upload } from '#core/documents/upload';
import { eInvoicePrecheck } from '#core/einvoice/precheck';
import type { EInvoiceStatus } from '#core/einvoice/status';
import { buildEInvoice, type EInvoiceOptions } from '#core/einvoice/ubl';
import type { EInvoiceValidator } from '#core/einvoice/validation';
import { limitFor } from '#core/quota/plans';
import { quotaExceeded, reservationRule } from '#core/quota/reservation';
import { reserveDelta } from '#core/quota/usage';
import type { TenancyStore } from '#core/tenancy/ports';
import type { Job } from '#core/templates/job';
import type { JobObjects } from '#core/templates/ports';

// The e-invoice's part of the render workflow (issue 22). Its XML is built from the very data the
// HTML was rendered from, with the number, in the same step (so the two cannot disagree); its
// schema is checked in its own Lambda beside Chromium (render-einvoice); register keeps it as a
// document of its own, related to the PDF by `e-invoice`, and hands it to the Schematron
// (validate-einvoice, asynchronously: einvoice-validation.ts), whose 13 MB of rules and 0.5 s
// stay out of the invoice's answer.

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
 * Schematron (validate-einvoice, after register) says `valid` or `invalid`; the XSD beside Chromium
 * may make it `invalid` at once. Nothing when the e-invoice does not apply
 * or data is missing (the status the check gave stays).
 */
export function buildXml(job: Job, data: Record<string, unknown>, status: EInvoiceStatus | undefined) {
  if (!applies(job) || status) return undefined;
  const { xml, kind, warnings } = buildEInvoice(data, optionsOf(job));
  return {
    xml,
    status: { status: 'pending', kind, ...(warnings.length ? { warnings } : {}) } satisfies EInvoiceStatus,
  };
}

const XML_SCRATCH = 'einvoice.xml.json';

export async function putXml(objects: JobObjects, scratch: string, xml: string): Promise<void> {
  await objects.putJson(`${scratch}${XML_SCRATCH}`, xml);
}

async function xmlOf(objects: JobObjects, scratch: string, s: EInvoiceState): Promise<string> {
  return s.eInvoiceXml ?? objects.getJson<string>(`${scratch}${XML_SCRATCH}`);
}

/**
 * The schema check beside Chromium (render-einvoice): the UBL 2.1 XSD only, fast enough for the
 * invoice's answer. Passed, the e-invoice stays `pending` (the Schematron runs after register, in
 * validate-einvoice); failed, it is `invalid` at once with the schema's errors.
 */
export async function checkXmlSchema(
  deps: { objects: JobObjects; validator: EInvoiceValidator },
  scratch: string,
  s: EInvoiceState,
): Promise<EInvoiceStatus> {
  const pending = s.eInvoice!;
  const result = await deps.validator.validate(await xmlOf(deps.objects, scratch, s));
  if (result.valid) return pending;
  return {
    status: 'invalid',
    ...(pending.kind ? { kind: pending.kind } : {}),
    errors: result.errors.map(({ rule, message, path }) => ({ rule, message, path })),
    ...(pending.warnings?.length ? { warnings: pending.warnings } : {}),
  };
}

export interface StoreXmlDeps {
  documents: DocumentsDeps;
  objects: JobObjects;
  tenancy: TenancyStore;
}

/**
 * The XML, once built, becomes a document of its own (a new version of the invoice's twin, on a
 * regeneration), reserved and settled like any output, so its bytes count against the quota; it
 * takes the PDF's links, visibility and ACL and its `generated` (same number, same data hash), and
 * states its own status (`eInvoice` with `invoiceId`): `pending` until validate-einvoice has run the
 * Schematron, or `invalid` when the schema already failed it. Only a `valid` one is served.
 *
 * Safe to run again (a Lambda-level retry of register): the XML's upload id is the job's own
 * (xmlUploadId), so a second run finds what the first stored and carries on from there, never
 * storing a second XML.
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
  const id = xmlUploadId(job);
  const store = deps.documents.documents;
  const [earlier, side] = await Promise.all([store.getUpload(job.tenantId, id), twinSide(store, job.tenantId, pdf.id)]);
  const twinId = earlier?.documentId ?? (side?.role === 'invoice' ? side.twinId : undefined);
  const before = twinId ? await store.getDocument(job.tenantId, twinId) : undefined;
  const documentId = earlier?.documentId ?? before?.id ?? newId('doc');
  const fileName = pdf.name.replace(/\.pdf$/i, '') + '.xml';
  let settledDoc: Document | undefined;
  if (!earlier || earlier.status === 'pending') {
    const bytes = Buffer.from(await xmlOf(deps.objects, scratch, s));
    const upload: Upload = earlier ?? {
      id,
      tenantId: job.tenantId,
      documentId,
      kind: before ? 'version' : 'document',
      fileName,
      contentType: 'application/xml',
      size: bytes.byteLength,
      sha256: '',
      // Capped at its own size: settled with the checksum the store computed.
      capped: true,
      links: pdf.links,
      by: job.by,
      objectKey: uploadObjectKey(job.tenantId, documentId, id),
      ...uploadTimes(deps.documents.clock.now().toISOString()),
      status: 'pending',
    };
    if (!earlier) await reserveXml(deps, job, upload);
    const head = await deps.objects.putBytes(upload.objectKey, bytes, 'application/xml');
    const settled = await settle(deps.documents, upload, head);
    if (settled.status === 'completed' && settled.document) settledDoc = settled.document;
  } else if (earlier.status !== 'completed')
    throw new DomainError('CONFLICT', `The e-invoice's upload was ${earlier.status}.`);
  // What the settling wrote; read back when the S3 event's finaliser settled it first, or on a retry.
  const xmlDoc = settledDoc ?? (await store.getDocument(job.tenantId, documentId));
  if (!xmlDoc) throw new DomainError('CONFLICT', 'The e-invoice was not registered.');
  const own = { ...withoutDocument(status), invoiceId: pdf.id };
  // A retry after the save: the twin already names this job.
  if (xmlDoc.generated?.jobId !== job.id) {
    const links = linkChange(xmlDoc.links, pdf.links);
    const next: Document = {
      ...xmlDoc,
      name: fileName,
      links: pdf.links,
      visibility: pdf.visibility,
      acl: pdf.acl,
      generated,
      eInvoice: own,
      version: xmlDoc.version + 1,
      updatedAt: new Date().toISOString(),
    };
    const actor = actorOf(job.by, job.keyId);
    // A new XML document the finaliser settled first is unannounced until named here; a new
    // version of one was announced as it settled (core/documents/events.ts).
    const event =
      (earlier?.kind ?? (before ? 'version' : 'document')) === 'document'
        ? documentSettled(true, next, actor)
        : documentUpdated(xmlDoc, next, actor);
    const saved = await store.saveDocument(next, xmlDoc.version, links, actor, [event]);
    if (saved !== 'saved') throw new DomainError('CONFLICT', 'The e-invoice changed while being registered.');
  }
  if (side?.role !== 'invoice') {
    const related = await store.putRelation({
      id: newId('rel'),
      tenantId: job.tenantId,
      fromId: pdf.id,
      toId: documentId,
      type: 'e-invoice',
      createdAt: new Date().toISOString(),
      by: job.by,
    });
    if (related === 'document-gone') throw new DomainError('CONFLICT', 'The invoice or its e-invoice is gone.');
  }
  return { ...status, documentId };
}

/**
 * The upload id of a job's XML: the job's own ULID under the upload prefix, so that a retried
 * register finds the upload (and the document it became) its first run made. No other upload
 * takes a job's ULID.
 */
export const xmlUploadId = (job: Pick<Job, 'id'>): string => `upl_${job.id.slice(job.id.indexOf('_') + 1)}`;

async function reserveXml(deps: StoreXmlDeps, job: Job, upload: Upload): Promise<void> {
  const tenant = await deps.tenancy.getTenant(job.tenantId);
  const limit = tenant ? limitFor(tenant.plan, tenant.seats) : 0;
  const outcome = await deps.documents.documents.reserveUpload(
    upload,
    reservationRule(limit, upload.size),
    reserveDelta(upload.size),
  );
  if (!outcome.ok) {
    if (outcome.reason === 'quota') throw quotaExceeded(outcome.usage, limit!, upload.size);
    throw new DomainError('CONFLICT', 'The e-invoice could not be reserved: its invoice or record is gone.');
  }
}

const withoutDocument = ({ documentId: _d, invoiceId: _i, ...rest }: EInvoiceStatus): EInvoiceStatus => rest;

/**
 * A regeneration that made no XML (skipped, missing data) leaves the twin's last XML behind: the
 * twin then states the invoice's status, so it no longer passes for the invoice's current
 * e-invoice (it is not served, and GET …/e-invoice says why there is none). Saved with the PDF.
 */
export async function staleTwin(
  deps: Pick<StoreXmlDeps, 'documents'>,
  pdf: Document,
  status: EInvoiceStatus,
): Promise<TwinSave | undefined> {
  const side = await twinSide(deps.documents.documents, pdf.tenantId, pdf.id);
  if (side?.role !== 'invoice') return undefined;
  const twin = await deps.documents.documents.getDocument(pdf.tenantId, side.twinId);
  if (!twin) return undefined;
  return {
    current: twin,
    next: {
      ...twin,
      eInvoice: { ...withoutDocument(status), invoiceId: pdf.id },
      version: twin.version + 1,
      updatedAt: new Date().toISOString(),
    },
    expectedVersion: twin.version,
    links: { added: [], removed: [] },
  };
}

/** An XML was built (the pre-check passed): it is stored, whatever its status. */
export const hasXml = (s: EInvoiceState): boolean =>
  (s.eInvoiceXml !== undefined || s.eInvoiceXmlInScratch === true) &&
  (s.eInvoice?.status === 'pending' || s.eInvoice?.status === 'valid' || s.eInvoice?.status === 'invalid');

/** What the invoice document says of its e-invoice when none is stored. */
export function unstoredStatus(job: Job, s: EInvoiceState): EInvoiceStatus | undefined {
  if (!job.eInvoice) return undefined;
  if (job.eInvoice.mode === 'skipped') return { status: 'skipped' };
  return s.eInvoice;
}
