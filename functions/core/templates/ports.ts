import type { Page, PageRequest } from '#core/paging';
import type { Job } from '#core/templates/job';
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
   * counter as read: concurrent takers retry, so values are unique and none is skipped.
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
  put(job: Job): Promise<void>;
  get(tenantId: string, id: string): Promise<Job | undefined>;
  /** running → succeeded/failed, once. */
  finish(job: Job): Promise<boolean>;
}

/** Scratch objects of a running job (data, HTML): state between steps, deleted at its end. */
export interface JobObjects {
  putJson(key: string, value: unknown): Promise<void>;
  getJson<T>(key: string): Promise<T>;
  putBytes(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
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

/** Starts the render workflow and runs the preview one (Chromium lives in its own function). */
export interface RenderWorkflows {
  startGeneration(job: Job): Promise<void>;
  previewPdf(doc: RenderedHtml): Promise<{ pdf: Uint8Array; pages: number }>;
}
