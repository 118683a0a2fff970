import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import type { Document, DocumentVersion, RenderedFacts } from '#core/documents/document';
import type { DocumentsDeps, ObjectHead } from '#core/documents/ports';
import { settle, type SettleAs } from '#core/documents/settle-upload';
import { uploadObjectKey, uploadTimes, type Upload } from '#core/documents/upload';
import { limitFor } from '#core/quota/plans';
import { hopeless, quotaExceeded, reservationRule } from '#core/quota/reservation';
import { reserveDelta } from '#core/quota/usage';
import { ENTITY } from '#core/records/entities';
import type { RecordsDeps } from '#core/records/ports';
import type { TenancyStore } from '#core/tenancy/ports';
import type { UsersStore } from '#core/tenancy/ports';
import type { Job, JobOutput } from '#core/templates/job';
import { abandonJob, completeJob, isRegistered, jobScratch } from '#core/templates/job-output';
import { documentSettled, documentUpdated } from '#core/documents/events';
import type {
  HtmlRenderer,
  JobObjects,
  JobsStore,
  PdfLimits,
  PdfRenderer,
  SequencesStore,
  TemplatesStore,
} from '#core/templates/ports';
import { documentFacts } from '#core/templates/document-facts';
import {
  buildXml,
  checkEInvoice,
  optionsOf,
  hasXml,
  putXml,
  staleTwin,
  storeXml,
  unstoredStatus,
  checkXmlSchema,
  type EInvoiceState,
} from '#core/templates/einvoice-steps';
import type { EInvoiceStatus } from '#core/einvoice/status';
import type { EInvoiceValidator } from '#core/einvoice/validation';
import { documentFileName, withExtension } from '#core/templates/file-name';
import { dataHash, renderData, withNumber } from '#core/templates/render-data';
import type { RenderedHtml, TemplateSource } from '#core/templates/render-html';
import { formatNumber, periodOf, type IssuedNumber, type Sequence } from '#core/templates/sequence';
import { actorOf } from '#core/actor';

// The render workflow's steps (statemachines/render-document.asl.json). Each gets the state the
// previous one returned and adds to it; data and HTML travel as S3 keys (256 KB state limit).

/** Every port of the render workflow's tasks; each task Lambda is wired with its steps' share of them. */
export interface RenderDeps {
  templates: TemplatesStore;
  sequences: SequencesStore;
  jobs: JobsStore;
  objects: JobObjects;
  records: RecordsDeps;
  tenancy: TenancyStore;
  documents: DocumentsDeps;
  pdf: PdfRenderer;
  html: HtmlRenderer;
  limits: PdfLimits;
  /** Reads the sender's name (`user.name`); a user without one leaves it absent. */
  users?: Pick<UsersStore, 'getUser'>;
  /** Fault injection (config RENDER_PAUSES): waits at a named point so a test can kill the process there. */
  pause?: (point: string, s: RenderState) => Promise<void>;
}

/** What the render-steps Lambda's steps use: all but Chromium, which only render-pdf carries. */
export type StepDeps = Omit<RenderDeps, 'pdf'>;

/** What the render-pdf Lambda's step uses. */
export type PdfStepDeps = Pick<RenderDeps, 'objects' | 'pdf' | 'limits'>;

/** What the render-einvoice Lambda's step uses: the UBL 2.1 XSD, beside Chromium. */
export interface EInvoiceStepDeps {
  objects: JobObjects;
  validator: EInvoiceValidator;
}

export interface RenderState extends EInvoiceState {
  tenantId: string;
  jobId: string;
  format: 'pdf' | 'html';
  upload?: { id: string; documentId: string; objectKey: string };
  number?: IssuedNumber;
  dataHash?: string;
  /** What the rendered document states (dates, reference, totals): pinned on its version by register. */
  facts?: RenderedFacts;
  pages?: number;
  bytes?: number;
  /** The customer-facing file name (file-name.ts), fixed with the HTML it titles. */
  fileName?: string;
  /**
   * The render data and, after it, the rendered HTML, carried in the state itself while small
   * (INLINE_STATE_BYTES): each S3 round trip in a step is time the client waits. Larger ones wait
   * in the job's scratch in S3, as all did before. Each step drops what the next does not read.
   */
  data?: Record<string, unknown>;
  rendered?: RenderedHtml;
  /** The job's template version, as the API started it (fixed for the job): read beside the job. */
  template?: { id: string; version: number };
  /** The job's record and sender, as the API started it (fixed for the job): read beside the job. */
  record?: Job['record'];
  by?: string;
  /** The job's output as the API named it on the job: its reservation is looked for beside the job. */
  output?: JobOutput;
  /** The template version's sequence (fixed with the version), as gather found it: read beside the job. */
  sequenceId?: string;
  /** What the output step stored (its size and SHA-256): register settles with it, without a HEAD. */
  stored?: ObjectHead;
  /** Nothing went to the job's scratch in S3 (all carried in the state): nothing to clear there. */
  noScratch?: boolean;
  failure?: { Error?: string; Cause?: string };
}

const scratch = (s: RenderState) => jobScratch(s.tenantId, s.jobId);

/**
 * The largest data or HTML (as JSON) carried in the workflow's state: the state holds 256 KB, and
 * only one of the two is in it at a time, beside a few hundred bytes of ids and facts.
 */
export const INLINE_STATE_BYTES = 120_000;

const fitsInline = (json: string) => Buffer.byteLength(json) <= INLINE_STATE_BYTES;

/** The render data: from the state, else from the job's scratch; a copy, as withNumber writes to it. */
async function dataOf(deps: StepDeps, s: RenderState): Promise<Record<string, any>> {
  if (s.data) return structuredClone(s.data);
  return deps.objects.getJson<Record<string, any>>(`${scratch(s)}data.json`);
}
const FORMATS = { pdf: 'application/pdf', html: 'text/html' } as const;

async function jobOf(deps: StepDeps, s: RenderState): Promise<Job> {
  const job = await deps.jobs.get(s.tenantId, s.jobId);
  if (!job) throw new DomainError('NOT_FOUND', `No job ${s.jobId}.`);
  // A step arriving after the job ended (the job sweeper settled it) must change nothing.
  if (job.status !== 'running') throw new DomainError('CONFLICT', `Job ${s.jobId} is already ${job.status}.`);
  return job;
}

async function templateOf(deps: StepDeps, job: Pick<Job, 'tenantId' | 'templateId' | 'templateVersion'>) {
  const v = await deps.templates.getVersion(job.tenantId, job.templateId, job.templateVersion);
  if (!v) throw new DomainError('NOT_FOUND', `No template ${job.templateId} version ${job.templateVersion}.`);
  return v;
}

type JobAndTemplate = { job: Job; template: Awaited<ReturnType<typeof templateOf>> };

/**
 * The job and its template version; side by side when the state names the version (the API's
 * input does: a job's template never changes), else one after the other.
 */
async function jobAndTemplate(deps: StepDeps, s: RenderState): Promise<JobAndTemplate> {
  if (!s.template) {
    const job = await jobOf(deps, s);
    return { job, template: await templateOf(deps, job) };
  }
  const named = { tenantId: s.tenantId, templateId: s.template.id, templateVersion: s.template.version };
  const [job, template] = await Promise.all([jobOf(deps, s), templateOf(deps, named)]);
  if (job.templateId !== s.template.id || job.templateVersion !== s.template.version)
    throw new DomainError('CONFLICT', `Job ${s.jobId} renders another template than its state names.`);
  return { job, template };
}

/**
 * The job, the record and what reads beside them (schema, tenant, template, sender): side by side
 * when the state names the job's record, sender and template version (the API's input does; a
 * job's never change), else after the job.
 */
async function gathered(deps: StepDeps, s: RenderState) {
  const named = s.record && s.by && s.template ? { record: s.record, by: s.by, template: s.template } : undefined;
  const first = named ? undefined : await jobOf(deps, s);
  const { record: ref, by } = named ?? first!;
  const version = named
    ? { tenantId: s.tenantId, templateId: named.template.id, templateVersion: named.template.version }
    : first!;
  const [job, template, record, schema, tenant, user] = await Promise.all([
    first ?? jobOf(deps, s),
    templateOf(deps, version),
    deps.records.records.get(s.tenantId, ref.entity, ref.id),
    deps.records.schema.load(s.tenantId, undefined),
    deps.tenancy.getTenant(s.tenantId),
    deps.users?.getUser(s.tenantId, by),
  ]);
  const same =
    job.record.entity === ref.entity &&
    job.record.id === ref.id &&
    job.by === by &&
    job.templateId === version.templateId &&
    job.templateVersion === version.templateVersion;
  if (!same) throw new DomainError('CONFLICT', `Job ${s.jobId} renders another record than its state names.`);
  return { job, template, record, schema, tenant, user };
}

/** Reads the record, what it links to, the tenant and the template; the data waits in S3. */
export async function gather(deps: StepDeps, s: RenderState): Promise<RenderState> {
  const { job, template, record, schema, tenant, user } = await gathered(deps, s);
  if (!record) throw new DomainError('NOT_FOUND', `No ${job.record.entity} with id ${job.record.id}.`);
  const refs = ENTITY[record.entity].links.flatMap((l) => {
    const v = record.fields[l.field];
    const ids = Array.isArray(v) ? v : v ? [v] : [];
    return ids.map((id) => ({ entity: l.target, id: String(id) }));
  });
  const linked = refs.length ? await deps.records.records.getMany(s.tenantId, refs) : [];
  const data = renderData({
    record,
    linked,
    fields: schema.fields,
    tenant: { name: tenant?.name ?? '', profile: tenant?.profile },
    user: { id: job.by, role: job.role, ...(user?.name ? { name: user.name } : {}) },
    document: {
      number: '',
      name: job.name ?? template.name,
      draft: job.draft === true,
      // A credit note says so on paper as its e-invoice does (the built-in invoice prints KREEDITARVE).
      ...optionsOf(job),
      // Jobs started before issue 21 resolved no facts: the defaults, as of when they started.
      ...(job.facts ??
        documentFacts({}, job.createdAt, record.fields.paymentTermDays as number | undefined, tenant?.profile)),
    },
    locale: template.locale,
  });
  const next = template.sequenceId ? { ...s, sequenceId: template.sequenceId } : s;
  if (fitsInline(JSON.stringify(data))) return { ...next, data, noScratch: true };
  await deps.objects.putJson(`${scratch(s)}data.json`, data);
  return { ...next, noScratch: false };
}

/** Holds the output cap against the quota, as an upload the finaliser settles at the real size. */
export async function reserve(deps: StepDeps, s: RenderState): Promise<RenderState> {
  // The API names the output on the job as it makes it, and in the state: a reservation of a
  // retried step is looked for beside the job, not after it.
  const [job, tenant, found] = await Promise.all([
    jobOf(deps, s),
    deps.tenancy.getTenant(s.tenantId),
    s.output ? deps.documents.documents.getUpload(s.tenantId, s.output.uploadId) : undefined,
  ]);
  if (s.output && (job.output?.uploadId !== s.output.uploadId || job.output.documentId !== s.output.documentId))
    throw new DomainError('CONFLICT', `Job ${s.jobId} has another output than its state names.`);
  const size = deps.limits.maxBytes;
  const limit = tenant ? limitFor(tenant.plan, tenant.seats) : 0;
  const rule = reservationRule(limit, size);
  if (hopeless(rule)) throw quotaExceeded(await deps.documents.usage.read(s.tenantId), limit!, size);
  // A retried step finds its own reservation instead of making a second one.
  const made =
    found ??
    (job.output && !s.output ? await deps.documents.documents.getUpload(s.tenantId, job.output.uploadId) : undefined);
  if (made) return { ...s, upload: { id: made.id, documentId: made.documentId, objectKey: made.objectKey } };
  const again = job.regenerates;
  if (again) {
    // Checked at the request too; an approval begun since then pins the version just the same.
    const doc = await deps.documents.documents.getDocument(s.tenantId, again.documentId);
    if (!doc) throw new DomainError('NOT_FOUND', `The document ${again.documentId} no longer exists.`);
    if (doc.status === 'in_approval')
      throw new DomainError('CONFLICT', `The document ${doc.id} went into approval, which pins its version.`);
  }
  const id = job.output?.uploadId ?? newId('upl');
  const documentId = job.output?.documentId ?? again?.documentId ?? newId('doc');
  // Named on the job before it exists, so the job sweeper can always find and release it (the API
  // names it as it makes the job; older jobs are named here).
  if (!job.output && !(await deps.jobs.claimOutput(s.tenantId, s.jobId, { uploadId: id, documentId })))
    throw new DomainError('CONFLICT', `Job ${s.jobId} is no longer running.`);
  const upload: Upload = {
    id,
    tenantId: s.tenantId,
    documentId,
    // A regeneration's output becomes the next version of its document.
    kind: again ? 'version' : 'document',
    fileName: withExtension(job.name ?? 'document', s.format),
    contentType: FORMATS[s.format],
    size,
    sha256: '',
    capped: true,
    links: [job.record],
    by: job.by,
    objectKey: uploadObjectKey(s.tenantId, documentId, id),
    ...uploadTimes(deps.documents.clock.now().toISOString()),
    status: 'pending',
  };
  const outcome = await deps.documents.documents.reserveUpload(upload, rule, reserveDelta(size));
  if (!outcome.ok) {
    if (outcome.reason === 'quota') throw quotaExceeded(outcome.usage, limit!, size);
    throw new DomainError(
      'NOT_FOUND',
      again
        ? `The document ${again.documentId} no longer exists.`
        : `The ${job.record.entity} ${job.record.id} no longer exists.`,
    );
  }
  return { ...s, upload: { id, documentId, objectKey: upload.objectKey } };
}

/**
 * Takes the template's number, after a validation render with a placeholder as long as any number
 * of the sequence (its largest counter at the padding): whatever in the template or the data makes
 * the HTML fail (a helper throwing on the data, a render budget, the output cap) fails here, before
 * a number exists, so it burns none. Only the real render, Chromium and storage can fail after it.
 * A draft takes none: it is marked DRAFT instead.
 */
export async function takeNumber(
  deps: StepDeps,
  s: RenderState,
  read?: JobAndTemplate,
  known?: Sequence,
): Promise<RenderState> {
  const { job, template } = read ?? (await jobAndTemplate(deps, s));
  // A regeneration keeps the number its document has (register prints it); a draft takes none.
  if (!template.sequenceId || job.draft || job.regenerates?.number) return s;
  // A retried step keeps the number its first attempt took (the take wrote it on the job).
  if (job.taken) return { ...s, number: job.taken };
  const seq = known?.id === template.sequenceId ? known : await deps.sequences.get(s.tenantId, template.sequenceId);
  if (!seq) throw new DomainError('NOT_FOUND', `The template's sequence ${template.sequenceId} no longer exists.`);
  // The period and the date parts are the document's issue date, not the day it was generated:
  // an invoice dated 31.12.2026 generated on 2 January is numbered in 2026's series.
  const date = job.facts?.issueDate ?? job.createdAt.slice(0, 10);
  const data = await dataOf(deps, s);
  await renderChecked(deps, job, template, withNumber(data, formatNumber(seq, 10 ** seq.padding - 1, date)));
  const number = await deps.sequences.take(
    s.tenantId,
    { sequenceId: seq.id, period: periodOf(seq.reset, date), jobId: s.jobId, takenAt: new Date().toISOString() },
    (n) => formatNumber(seq, n, date),
  );
  return { ...s, number };
}

/** The template's HTML for the data, within the render budgets and the output cap. */
async function renderChecked(
  deps: StepDeps,
  job: Job,
  template: TemplateSource,
  data: Record<string, any>,
): Promise<{ rendered: RenderedHtml; bytes: Buffer }> {
  const rendered = await deps.html.render(template, data, `${job.tenantId}/${job.templateId}@${job.templateVersion}`);
  const bytes = Buffer.from(rendered.html);
  if (bytes.byteLength > deps.limits.maxBytes)
    throw new DomainError('PAYLOAD_TOO_LARGE', `The HTML is larger than the ${deps.limits.maxBytes}-byte output cap.`);
  return { rendered, bytes };
}

/** HTML output goes straight to the upload's key; PDF input waits in scratch for the Chromium step. */
export async function renderHtmlStep(deps: StepDeps, s: RenderState, read?: JobAndTemplate): Promise<RenderState> {
  const { job, template } = read ?? (await jobAndTemplate(deps, s));
  const data = await dataOf(deps, s);
  withNumber(data, numberOf(job, s)?.number ?? '');
  const { fileName, title } = documentFileName({
    requested: job.name,
    pattern: template.fileName,
    templateName: template.name,
    data,
    format: s.format,
    locale: template.locale,
  });
  const { rendered, bytes } = await renderChecked(deps, job, { ...template, title }, data);
  const { data: _read, ...next } = s;
  const done: RenderState = {
    ...next,
    dataHash: dataHash(data),
    bytes: bytes.byteLength,
    facts: factsOf(data),
    fileName,
  };
  if (s.format === 'html')
    return { ...done, stored: await deps.objects.putBytes(s.upload!.objectKey, bytes, 'text/html; charset=utf-8') };
  // The e-invoice from the same data, with the same number, once: it cannot disagree with the PDF.
  const made = buildXml(job, data, s.eInvoice);
  const html = JSON.stringify(rendered);
  const inline = fitsInline(html);
  const withXml = async (state: RenderState): Promise<RenderState> => {
    if (!made) return state;
    // Inline while the HTML carried and the XML together fit what the state may carry.
    if (fitsInline((inline ? html : '') + made.xml)) return { ...state, eInvoice: made.status, eInvoiceXml: made.xml };
    await putXml(deps.objects, scratch(s), made.xml);
    return { ...state, eInvoice: made.status, eInvoiceXmlInScratch: true, noScratch: false };
  };
  if (inline) return withXml({ ...done, rendered });
  await deps.objects.putJson(`${scratch(s)}rendered.json`, rendered);
  return withXml({ ...done, noScratch: false });
}

/**
 * The e-invoice's schema check (render-einvoice, beside Chromium): only its status leaves the step,
 * so the two branches' outputs merged stay as small as the PDF's state.
 */
export async function validateEInvoiceStep(
  deps: EInvoiceStepDeps,
  s: RenderState,
): Promise<{ eInvoice: EInvoiceStatus }> {
  return { eInvoice: await checkXmlSchema(deps, scratch(s), s) };
}

/** The number the document carries: the one taken, or the one a regeneration keeps. */
function numberOf(job: Job, s: RenderState): { number: string; sequenceId?: string } | undefined {
  return (
    s.number ??
    (job.regenerates?.number ? { number: job.regenerates.number, sequenceId: job.regenerates.sequenceId } : undefined)
  );
}

/** The facts the data states; data gathered before issue 21 has only `document.date`. */
function factsOf(data: Record<string, any>): RenderedFacts {
  const d = data.document;
  return {
    issueDate: d.issueDate ?? d.date,
    ...(d.dueDate ? { dueDate: d.dueDate } : {}),
    ...(d.deliveryDate ? { deliveryDate: d.deliveryDate } : {}),
    ...(d.referenceNumber ? { referenceNumber: d.referenceNumber } : {}),
    totals: data.totals,
    locale: data.locale,
  };
}

export async function renderPdfStep(deps: PdfStepDeps, s: RenderState): Promise<RenderState> {
  // The XML stays in the state for register; the HTML is done with.
  const { rendered: carried, ...next } = s;
  const rendered = carried ?? (await deps.objects.getJson<RenderedHtml>(`${scratch(s)}rendered.json`));
  const { pdf, pages } = await deps.pdf.render(rendered, deps.limits);
  const stored = await deps.objects.putBytes(s.upload!.objectKey, pdf, 'application/pdf');
  return { ...next, pages, bytes: pdf.byteLength, stored };
}

/**
 * Settles the upload (unless the S3 event did first), names the document and pins what made it.
 * Usually in one transaction: the upload settles as the named document with its pinned version.
 * Two when the finaliser settled it first (then it is renamed), when a built e-invoice must be
 * stored beside it first (the XML document names the PDF's) or a regeneration marks an earlier XML.
 */
export async function register(deps: StepDeps, s: RenderState): Promise<RenderState> {
  const [job, upload] = await Promise.all([
    jobOf(deps, s),
    deps.documents.documents.getUpload(s.tenantId, s.upload!.id),
  ]);
  const number = numberOf(job, s);
  // Executions started before file names were rendered carry none: named as they were then.
  const base = async () => job.name ?? (await templateOf(deps, job)).name;
  const name = s.fileName ?? withExtension(number ? `${await base()} ${number.number}` : await base(), s.format);
  const generated = {
    templateId: job.templateId,
    templateVersion: job.templateVersion,
    dataHash: s.dataHash!,
    jobId: job.id,
    ...(number ? { number: number.number, ...(number.sequenceId ? { sequenceId: number.sequenceId } : {}) } : {}),
    ...(job.draft ? { draft: true as const } : {}),
    record: job.record,
  };
  // What the version pins: states started before facts were rendered pin none.
  const pinned: DocumentVersion['generated'] | undefined = s.facts && {
    templateId: job.templateId,
    templateVersion: job.templateVersion,
    dataHash: s.dataHash!,
    ...(number ? { number: number.number } : {}),
    ...(job.draft ? { draft: true as const } : {}),
    ...s.facts,
  };
  const named = (doc: Document, eInvoice: Document['eInvoice'], at: string): Document => {
    const { eInvoice: _was, ...kept } = doc;
    return { ...kept, name, generated, ...(eInvoice ? { eInvoice } : {}), updatedAt: at };
  };
  // A built XML is stored beside the PDF before the PDF names it (pending its Schematron, or invalid
  // already); any other status is stated on the PDF, and on the twin an earlier generation left.
  const xml = hasXml(s);
  const stated = xml ? undefined : unstoredStatus(job, s);
  // Only a regeneration's document can have a twin already, to be marked with the stated status.
  const marksTwin = Boolean(stated && job.regenerates);
  const done = async (documentId: string, at: string) => {
    await deps.pause?.('register:named', s);
    await completeJob(deps, job, { documentId, number: s.number, at }, s.noScratch ? 'none' : 'after-finish');
    return s;
  };
  // What this step's own settling wrote; when the S3 event's finaliser settled first, it is read back.
  let ours: { document: Document; made: DocumentVersion } | undefined;
  if (upload?.status === 'pending') {
    // The output step stored the object and said what it stored; older states ask S3.
    const head = s.stored ?? (await deps.documents.objects.head(upload.objectKey));
    if (!head) throw new DomainError('CONFLICT', 'The rendered output is missing from the bucket.');
    // Settled as the named document in the same transaction, unless the XML goes first or a twin is marked.
    const as: SettleAs | undefined =
      pinned && !xml && !marksTwin
        ? {
            shape: (document, version) => ({
              document: named(document, stated, document.updatedAt),
              version: { ...version, generated: pinned },
            }),
            actor: actorOf(job.by, job.keyId),
          }
        : undefined;
    const settled = await settle(deps.documents, upload, head, undefined, as);
    if (settled.status === 'completed' && settled.document && settled.made) {
      if (as) return done(settled.document.id, settled.document.updatedAt);
      ours = { document: settled.document, made: settled.made };
    }
  }
  const doc = ours?.document ?? (await deps.documents.documents.getDocument(s.tenantId, s.upload!.documentId));
  if (!doc) throw new DomainError('CONFLICT', `The generated document was not registered (upload ${upload?.status}).`);
  const eInvoice = xml ? await storeXml(deps, job, scratch(s), s, { ...doc, name }, generated) : stated;
  const twin = marksTwin ? await staleTwin(deps, doc, eInvoice!) : undefined;
  const next = { ...named(doc, eInvoice, new Date().toISOString()), version: doc.version + 1 };
  // The version this job's upload became (a regeneration's is not always the current one: another may follow it).
  const version = pinned && (ours?.made ?? (await madeVersion(deps, s, doc)));
  const actor = actorOf(job.by, job.keyId);
  // A new document settled apart from its naming (by the finaliser, or above) announced nothing:
  // it is announced here, once, named and with what made it. A regeneration's version was
  // announced as it settled, and a retried register's document when first named: this names it.
  const announced = !job.regenerates && !isRegistered(job, doc);
  const saved = await deps.documents.documents.saveDocument(
    next,
    doc.version,
    { added: [], removed: [] },
    actor,
    [announced ? documentSettled(true, next, actor) : documentUpdated(doc, next, actor)],
    version ? { ...version, generated: pinned } : undefined,
    twin,
  );
  if (saved !== 'saved') throw new DomainError('CONFLICT', 'The generated document changed while being registered.');
  if (eInvoice?.status === 'pending')
    await deps.documents.eInvoiceChecks?.request({ tenantId: job.tenantId, documentId: doc.id, jobId: job.id });
  return done(doc.id, next.updatedAt);
}

/** The version the job's upload became, read back (another path settled it). */
async function madeVersion(deps: StepDeps, s: RenderState, doc: Document): Promise<DocumentVersion | undefined> {
  const made = (await deps.documents.documents.getUpload(s.tenantId, s.upload!.id))?.versionNumber;
  return deps.documents.documents.getVersion(s.tenantId, doc.id, made ?? doc.currentVersion);
}

const parsed = (text: string): any => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // a plain-text cause
  }
};

/**
 * A task's refusal as the job keeps it. Its cause is Lambda's `{errorMessage}` on AWS, the message
 * itself locally; a domain refusal's message carries `{detail, errors, extensions}` (tasks/conversion-error.ts).
 */
function failureOf(s: RenderState): NonNullable<Job['error']> {
  const code = s.failure?.Error ?? 'INTERNAL';
  const cause = s.failure?.Cause ?? '';
  const outer = parsed(cause);
  const message: string = outer?.errorMessage ?? (outer?.detail === undefined ? cause : '');
  const carried = outer?.detail !== undefined ? outer : parsed(message);
  const text: string = carried?.detail ?? message;
  const path: unknown = carried?.errors?.[0]?.path;
  const budget: unknown = carried?.extensions?.budget;
  const errors: unknown = carried?.errors;
  const fields = Array.isArray(errors)
    ? errors
        .filter((e) => typeof e?.path === 'string' && typeof e?.message === 'string')
        .map((e) => ({ path: e.path as string, message: e.message as string }))
    : [];
  return {
    code,
    message: text || 'The document could not be generated.',
    ...(typeof path === 'string' ? { path } : {}),
    ...(typeof budget === 'string' ? { budget } : {}),
    // Several fields at fault (the e-invoice's pre-check): the answer names each.
    ...(fields.length > 1 || carried?.extensions?.eInvoice ? { errors: fields } : {}),
  };
}

/**
 * Any failure: the reservation goes back (and a document the finaliser already filed from the
 * output is deleted), the number becomes void, the job says why. What the job holds is read from
 * the job, not only from the state: a step cut off after its write returned no state naming it.
 */
export async function fail(deps: StepDeps, s: RenderState): Promise<RenderState> {
  const error = failureOf(s);
  const at = new Date().toISOString();
  const job = await deps.jobs.get(s.tenantId, s.jobId);
  // An ended job's output was settled by whoever ended it (register or the job sweeper).
  if (job?.status === 'running') {
    const output = job.output ?? (s.upload && { uploadId: s.upload.id, documentId: s.upload.documentId });
    await abandonJob(deps, job, { output, number: job.taken ?? s.number, error, at }, 'after-finish');
  } else await deps.objects.deletePrefix(scratch(s));
  return s;
}

/**
 * Gathering and reserving read and write different things: run side by side, as one task. Each is
 * safe to run again (the reservation is found on the job), so a retried task repeats both.
 */
export async function prepare(deps: StepDeps, s: RenderState): Promise<RenderState> {
  const [gathered, reserved] = await Promise.all([gather(deps, s), reserve(deps, s)]);
  const { data, noScratch, sequenceId } = gathered;
  return {
    ...reserved,
    ...(data ? { data } : {}),
    ...(noScratch !== undefined ? { noScratch } : {}),
    ...(sequenceId ? { sequenceId } : {}),
  };
}

/**
 * The number, then the HTML that prints it, as one task: one hop less. A retry keeps the number
 * the first attempt took (it is on the job). The pause between them is the one the separate
 * renderHtml step had (tests kill the process there).
 */
export async function numberAndRender(deps: StepDeps, s: RenderState): Promise<RenderState> {
  // Read once for both: taking the number changes nothing of the job that rendering reads. The
  // sequence gather found is read beside them (a draft or a regeneration then reads it for nothing).
  const [read, seq] = await Promise.all([
    jobAndTemplate(deps, s),
    s.sequenceId ? deps.sequences.get(s.tenantId, s.sequenceId) : undefined,
  ]);
  // What the e-invoice cannot be made from is refused before a number is taken.
  const missing = read.job.eInvoice && checkEInvoice(read.job, s.data ?? (await dataOf(deps, s)));
  const numbered = await takeNumber(deps, missing ? { ...s, eInvoice: missing } : s, read, seq);
  await deps.pause?.('before:renderHtml', numbered);
  return renderHtmlStep(deps, numbered, read);
}

// gather, reserve, takeNumber and renderHtml stay callable on their own: an execution started
// before prepare and numberAndRender existed names them.
export const STEPS = {
  gather,
  reserve,
  prepare,
  takeNumber,
  renderHtml: renderHtmlStep,
  numberAndRender,
  register,
  fail,
} as const;
export type StepName = keyof typeof STEPS;
