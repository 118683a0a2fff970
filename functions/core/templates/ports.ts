import type { ObjectHead } from '#core/documents/ports';
import type { Page, PageRequest } from '#core/paging';
import type { DueJob, Job, JobOutput } from '#core/templates/job';
import type { IssuedNumber, NumberStatus, Sequence } from '#core/templates/sequence';
import type { Template, TemplateVersion } from '#core/templates/template';
import type { RenderedHtml, TemplateSource } from '#core/templates/render-html';

// Every key leads with the tenant: another tenant's id reads as absent (404).

export interface TemplatesStore {
  get(tenantId: string, id: string): Promise<Template | undefined>;
  getVersion(tenantId: string, id: string, version: number): Promise<TemplateVersion | undefined>;
  /** Newest first. */
  listVersions(tenantId: string, id: string, page: PageRequest): Promise<Page<TemplateVersion>>;
  list(tenantId: string, page: PageRequest): Promise<Page<Template>>;
  /** One transaction: the template on `expected` (null: new) and its new immutable version. */
  save(template: Template, version: TemplateVersion, expected: number | null): Promise<'saved' | 'conflict'>;
  /** Hides the template (its versions stay: documents name them); false when it changed meanwhile. */
  remove(template: Template, at: string): Promise<boolean>;
}

export interface SequencesStore {
  get(tenantId: string, id: string): Promise<Sequence | undefined>;
  list(tenantId: string, page: PageRequest): Promise<Page<Sequence>>;
  save(sequence: Sequence, expected: number | null): Promise<'saved' | 'conflict'>;
  /**
   * The period's next counter value and its number item, in one transaction conditioned on the
   * counter as read: concurrent takers retry, so values are unique and none is skipped. The same
   * transaction writes the number on its job (`claim.jobId`) as `taken`, on condition that the job
   * still runs: a number is never taken without its job knowing it, nor for a job already ended
   * (then CONFLICT), so the job sweeper can always settle it.
   */
  take(
    tenantId: string,
    claim: Omit<IssuedNumber, 'counter' | 'number' | 'status'>,
    format: (n: number) => string,
  ): Promise<IssuedNumber>;
  /** taken → issued or void; false when it was already settled. */
  settle(
    tenantId: string,
    n: IssuedNumber,
    status: Exclude<NumberStatus, 'taken'>,
    extra: Partial<IssuedNumber>,
  ): Promise<boolean>;
  listNumbers(
    tenantId: string,
    sequenceId: string,
    status: NumberStatus | undefined,
    page: PageRequest,
  ): Promise<Page<IssuedNumber>>;
}

export interface JobsStore {
  /** The job, and its entry in the sweeper's registry (by `deadline`), in one transaction. */
  put(job: Job): Promise<void>;
  get(tenantId: string, id: string): Promise<Job | undefined>;
  /**
   * running → succeeded/failed, once; its registry entry goes in the same transaction, and so does
   * `issued`, the job's number as it ends (taken → issued; one already issued is written again).
   * false when the job no longer runs; CONFLICT when the number was voided meanwhile.
   */
  finish(job: Job, issued?: IssuedNumber): Promise<boolean>;
  /** Writes `output` on the job before its upload is reserved; false when the job no longer runs. */
  claimOutput(tenantId: string, jobId: string, output: JobOutput): Promise<boolean>;
  /** Registered jobs whose deadline is before `now`, oldest deadline first. */
  due(now: Date, limit: number): Promise<DueJob[]>;
  /** Drops a registry entry whose job is gone or already finished. */
  forget(due: DueJob): Promise<void>;
}

/** Scratch objects of a running job (data, HTML): state between steps, deleted at its end. */
export interface JobObjects {
  putJson(key: string, value: unknown): Promise<void>;
  getJson<T>(key: string): Promise<T>;
  /** What was stored, as a HEAD of it would say (size and SHA-256): the writer need not ask. */
  putBytes(key: string, bytes: Uint8Array, contentType: string): Promise<ObjectHead>;
  deletePrefix(prefix: string): Promise<void>;
}

export interface PdfLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** The Handlebars stage (render-html.ts), on its budgets and off the caller's event loop. */
export interface HtmlRenderer {
  render(template: TemplateSource, data: Record<string, unknown>, cacheKey?: string): Promise<RenderedHtml>;
}

export interface PdfRenderer {
  render(doc: RenderedHtml, limits: PdfLimits): Promise<{ pdf: Uint8Array; pages: number }>;
}

/** A preview PDF: inline, or (over the inline cap) a short-lived link to it. */
export type PreviewPdf =
  { pdf: Uint8Array; pages: number } | { url: string; expiresAt: string; pages: number; bytes: number };

/** Starts the render workflow and runs the preview one (Chromium lives in its own function). */
export type GenerationRun = { status: 'succeeded'; documentId: string } | { status: 'ended' | 'running' };

export interface RenderWorkflows {
  /**
   * Runs the job's render workflow and waits for it: `succeeded` with the document it registered,
   * `ended` when it ended otherwise (the job says how), `running` when `waitMs` passed first; the
   * workflow then goes on and ends the job itself.
   */
  runGeneration(job: Job, waitMs: number): Promise<GenerationRun>;
  /** `fileName` names the download of a preview answered as a link. */
  previewPdf(tenantId: string, doc: RenderedHtml, fileName: string): Promise<PreviewPdf>;
}
