import { DomainError, invalid, notFound } from '#core/errors';
import { assertCanWriteDocument, canSee } from '#core/documents/access';
import type { DocumentsStore } from '#core/documents/ports';
import { sanitiseFileName } from '#core/documents/file-name';
import { newId, now } from '#core/ids';
import type { UsageStore } from '#core/quota/ports';
import { limitFor } from '#core/quota/plans';
import { quotaExceeded } from '#core/quota/reservation';
import type { Entity } from '#core/records/entities';
import type { RecordsStore } from '#core/records/ports';
import type { TenantCaller } from '#core/tenancy/caller';
import { documentFacts, type GenerationFields } from '#core/templates/document-facts';
import { eInvoiceOrder, type EInvoiceRequest } from '#core/templates/einvoice-order';
import type { Job } from '#core/templates/job';
import type { JobsStore, RenderWorkflows, TemplatesStore } from '#core/templates/ports';

export interface GenerateDeps {
  templates: TemplatesStore;
  jobs: JobsStore;
  records: RecordsStore;
  usage: UsageStore;
  workflows: RenderWorkflows;
  /** The document a regeneration makes a new version of. */
  documents: Pick<DocumentsStore, 'getDocument' | 'getVersion'>;
  /** The output cap: what a generation reserves against the quota. */
  maxBytes: number;
  /** After this long a job still running is settled by the job sweeper (sweep-jobs.ts). */
  deadlineMs: number;
}

export interface GenerateInput extends GenerationFields, EInvoiceRequest {
  templateId: string;
  record: { entity: Entity; id: string };
  name?: string;
  format: 'pdf' | 'html';
  /** A draft: marked DRAFT (MUSTAND), no number taken, no reference number or payment QR. */
  draft?: boolean;
  /** Regenerate this document: a new version of it, with its number. */
  documentId?: string;
}

/** What a regeneration may give: a generation's fields, the template, record and format defaulting to the document's. */
export type RegenerateInput = GenerationFields &
  EInvoiceRequest &
  Partial<Pick<GenerateInput, 'templateId' | 'record' | 'format' | 'name'>>;

/** How long the API waits for the workflow before answering 202 with the job. */
export const WAIT_MS = 10_000;

/**
 * Checks what can be checked at once (template, record, quota: 404 and 413 before any rendering),
 * records the job and runs the workflow (waiting up to WAIT_MS). With `documentId` it is a regeneration (below).
 */
export async function startGeneration(deps: GenerateDeps, caller: TenantCaller, input: GenerateInput): Promise<Job> {
  const { documentId, draft, ...rest } = input;
  if (documentId === undefined) return start(deps, caller, { ...rest, draft }, undefined);
  if (draft)
    invalid("A regeneration keeps the document's number; it cannot be a draft.", [
      { path: 'draft', message: 'cannot be true with documentId' },
    ]);
  return startRegeneration(deps, caller, documentId, rest, 'documentId');
}

/**
 * A new version of a generated document, with the same number (a document that has none, a draft,
 * takes one if its template numbers). Template, record and format default to the document's; dates
 * and the reference number to those its current version states, unless that version is a draft.
 * A document in approval is 409: the approval pins its version. `documentPath` names the request
 * field that gave the document (a 400 when it is not there); without it the document is the URL's (404).
 */
export async function startRegeneration(
  deps: GenerateDeps,
  caller: TenantCaller,
  documentId: string,
  input: RegenerateInput,
  documentPath?: string,
): Promise<Job> {
  const doc = await deps.documents.getDocument(caller.tenantId, documentId);
  if (!doc || !canSee(caller, doc)) {
    if (documentPath)
      invalid(`No document with id ${documentId}.`, [
        { path: documentPath, message: `no document with id ${documentId}` },
      ]);
    return notFound('document', documentId);
  }
  assertCanWriteDocument(caller, doc);
  const made = doc.generated;
  // An e-invoice's XML is remade with its invoice, never on its own.
  if (made && doc.contentType === 'application/xml')
    return invalid(`The document ${documentId} is an e-invoice; regenerate the invoice it belongs to.`, [
      { path: documentPath ?? 'id', message: 'is an e-invoice: regenerate its invoice' },
    ]);
  if (!made)
    return invalid(
      `The document ${documentId} was not generated from a template; upload a new version of it instead.`,
      documentPath ? [{ path: documentPath, message: 'was not generated from a template' }] : [],
    );
  if (doc.status === 'in_approval')
    throw new DomainError(
      'CONFLICT',
      `The document ${documentId} is in approval, which pins its version; regenerate it once the approval has ended.`,
    );
  const record = input.record ?? made.record ?? (doc.links.length === 1 ? doc.links[0] : undefined);
  if (!record)
    return invalid(`Name the record to render: the document ${documentId} does not say which it was made for.`, [
      { path: 'record', message: 'is required for this document' },
    ]);
  const { eInvoice, creditNote: asked, creditFor, ...given } = input;
  // A credit note stays one when regenerated, crediting the same invoice: as its last job ordered
  // (with or without an e-invoice), or as its e-invoice says. `creditNote: false` makes it an invoice.
  const before = (await deps.jobs.get(caller.tenantId, made.jobId))?.eInvoice;
  const wasCredit = before?.creditNote === true || doc.eInvoice?.kind === 'CreditNote';
  const creditNote = asked ?? (wasCredit ? true : undefined);
  const keptCreditFor = asked !== false && creditFor === undefined ? before?.creditFor : undefined;
  const fields: GenerationFields = { ...given };
  const pinned = (await deps.documents.getVersion(caller.tenantId, documentId, doc.currentVersion))?.generated;
  if (pinned && !pinned.draft) {
    // A regeneration fixes what the document says, not when it was issued.
    if (fields.issueDate === undefined) {
      fields.issueDate = pinned.issueDate;
      if (fields.dueDate === undefined && fields.paymentTermDays === undefined && pinned.dueDate)
        fields.dueDate = pinned.dueDate;
    }
    if (fields.deliveryDate === undefined && pinned.deliveryDate) fields.deliveryDate = pinned.deliveryDate;
    if (fields.referenceNumber === undefined && pinned.referenceNumber) fields.referenceNumber = pinned.referenceNumber;
  }
  return start(
    deps,
    caller,
    {
      ...fields,
      ...(eInvoice !== undefined ? { eInvoice } : {}),
      ...(creditNote !== undefined ? { creditNote } : {}),
      ...(creditFor !== undefined ? { creditFor } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      templateId: input.templateId ?? made.templateId,
      record,
      format: input.format ?? (doc.contentType.startsWith('text/html') ? 'html' : 'pdf'),
    },
    { documentId, ...(made.number ? { number: made.number, sequenceId: made.sequenceId } : {}) },
    keptCreditFor,
  );
}

async function start(
  deps: GenerateDeps,
  caller: TenantCaller,
  input: Omit<GenerateInput, 'documentId'>,
  regenerates: Job['regenerates'],
  /** A regeneration's: the number its credit note credits (kept from its last job). */
  keptCreditFor?: string,
): Promise<Job> {
  // The name becomes the file's name on download and in mail: sanitised as an upload's is (no
  // path, no control or direction-override characters); the document shows the name kept.
  const name = input.name === undefined ? undefined : sanitiseFileName(input.name);
  if (name && !name.ok)
    throw new DomainError('VALIDATION', `The document name ${name.message}.`, [
      { path: 'name', message: name.message },
    ]);
  const [template, record, usage] = await Promise.all([
    deps.templates.get(caller.tenantId, input.templateId),
    deps.records.get(caller.tenantId, input.record.entity, input.record.id),
    deps.usage.read(caller.tenantId),
  ]);
  if (!template) return notFound('template', input.templateId);
  if (!record) return notFound(input.record.entity, input.record.id);
  if (template.kind === 'email')
    throw new DomainError('VALIDATION', 'Email templates are sent, not generated.', [
      { path: 'templateId', message: 'is an email template' },
    ]);
  if (template.entity !== input.record.entity)
    throw new DomainError('VALIDATION', `The template renders a ${template.entity}, not a ${input.record.entity}.`, [
      { path: 'record.entity', message: `must be ${template.entity} for this template` },
    ]);
  if (regenerates?.number && template.sequenceId !== regenerates.sequenceId)
    invalid(`The template numbers from another sequence than the document's number ${regenerates.number}.`, [
      { path: 'templateId', message: "must number from the document's sequence" },
    ]);
  const eInvoice = await eInvoiceOrder(deps.documents, caller, template, { ...input, keptCreditFor });
  const limit = limitFor(caller.tenant.plan, caller.tenant.seats);
  if (limit !== null && usage.committedPlusReserved + deps.maxBytes > limit)
    throw quotaExceeded(usage, limit, deps.maxBytes);
  const createdAt = now();
  // Resolved here, so a due date before the issue date is a 400 before anything is rendered.
  const {
    templateId: _t,
    record: _r,
    name: _n,
    format: _f,
    draft,
    eInvoice: _e,
    creditNote: _c,
    creditFor: _cf,
    ...fields
  } = input;
  const dealTerm = record.fields.paymentTermDays as number | undefined;
  const facts = documentFacts(fields, createdAt, dealTerm, caller.tenant.profile);
  const job: Job = {
    id: newId('job'),
    tenantId: caller.tenantId,
    status: 'running',
    templateId: template.id,
    templateVersion: template.version,
    record: input.record,
    format: input.format,
    ...(name?.ok ? { name: name.name } : {}),
    ...(draft ? { draft: true as const } : {}),
    ...(regenerates ? { regenerates } : {}),
    ...(eInvoice ? { eInvoice } : {}),
    facts,
    // Named now, so the workflow reserves it without first writing it on the job; the job sweeper
    // finds nothing to undo while nothing is reserved under it.
    output: { uploadId: newId('upl'), documentId: regenerates?.documentId ?? newId('doc') },
    by: caller.userId,
    keyId: caller.keyId,
    role: caller.role,
    createdAt,
    deadline: new Date(Date.parse(createdAt) + deps.deadlineMs).toISOString(),
  };
  await deps.jobs.put(job);
  return runJob(deps, job);
}

/**
 * Runs the job's workflow for at most `waitMs`: the job as its workflow left it, or still running
 * when the wait ran out (the workflow goes on; the client follows the job).
 */
async function runJob(deps: GenerateDeps, job: Job, waitMs = WAIT_MS): Promise<Job> {
  const run = await deps.workflows.runGeneration(job, waitMs);
  if (run.status === 'running') return job;
  // The workflow registered the document and ended the job: what the answer needs is its id.
  if (run.status === 'succeeded') return { ...job, status: 'succeeded', documentId: run.documentId };
  return (await deps.jobs.get(job.tenantId, job.id)) ?? job;
}

export async function getJob(jobs: JobsStore, caller: TenantCaller, id: string): Promise<Job> {
  return (await jobs.get(caller.tenantId, id)) ?? notFound('job', id);
}
