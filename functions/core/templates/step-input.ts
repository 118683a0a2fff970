import * as z from 'zod';
import type { RenderedFacts } from '#core/documents/document';
import type { EInvoiceStatus } from '#core/einvoice/status';
import { idPattern } from '#core/ids';
import { ENTITIES } from '#core/records/entities';
import type { RenderState } from '#core/templates/render-steps';
import type { RenderedHtml } from '#core/templates/render-html';
import { issuedNumberSchema } from '#core/templates/sequence';
import { PAPER_SIZES } from '#core/templates/template';

// What the render workflows hand their steps (statemachines/render-document.asl.json and
// render-preview.asl.json), parsed at the task edge (functions/tasks/render-steps.ts, render-pdf.ts)
// as a route parses a body: a step gets typed input or never runs. Each schema is typed by the
// interface the steps take, so the compiler keeps the two alike. The state is loose: a Catch adds
// `failure`, and a step passes on what it does not read.

const id = (prefix: Parameters<typeof idPattern>[0], what: string) =>
  z.string().regex(idPattern(prefix), `must be ${what}`);

// What the render step found the document to state: the product's own, checked by its parts.
const FactsIn = z.custom<RenderedFacts>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { issueDate?: unknown }).issueDate === 'string' &&
    typeof (v as { totals?: unknown }).totals === 'object' &&
    typeof (v as { locale?: unknown }).locale === 'string',
  'must be the facts of a render (issueDate, totals, locale)',
);

const HtmlIn: z.ZodType<RenderedHtml> = z.object({
  html: z.string(),
  header: z.string(),
  footer: z.string(),
  paper: z.object({
    size: z.enum(PAPER_SIZES),
    orientation: z.enum(['portrait', 'landscape']),
    margins: z.object({ top: z.string(), right: z.string(), bottom: z.string(), left: z.string() }),
  }),
});

export const RenderStateIn: z.ZodType<RenderState> = z.looseObject({
  tenantId: id('ten', 'a tenant id'),
  jobId: id('job', 'a job id'),
  format: z.enum(['pdf', 'html']),
  upload: z
    .object({ id: id('upl', 'an upload id'), documentId: id('doc', 'a document id'), objectKey: z.string().min(1) })
    .optional(),
  number: issuedNumberSchema(z.string()).optional(),
  dataHash: z.string().optional(),
  facts: FactsIn.optional(),
  pages: z.number().int().min(0).optional(),
  bytes: z.number().int().min(0).optional(),
  fileName: z.string().min(1).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  rendered: HtmlIn.optional(),
  template: z.object({ id: id('tpl', 'a template id'), version: z.number().int().min(1) }).optional(),
  record: z.object({ entity: z.enum(ENTITIES), id: z.string().min(1) }).optional(),
  by: z.string().min(1).optional(),
  output: z.object({ uploadId: id('upl', 'an upload id'), documentId: id('doc', 'a document id') }).optional(),
  sequenceId: id('seq', 'a sequence id').optional(),
  stored: z.object({ size: z.number().int().min(0), sha256: z.string().optional() }).optional(),
  noScratch: z.boolean().optional(),
  // The e-invoice (einvoice-steps.ts): its status so far, its XML inline or a mark that it waits in scratch.
  eInvoice: z
    .looseObject({ status: z.enum(['valid', 'invalid', 'pending', 'skipped', 'missing-data']) })
    .transform((v) => v as EInvoiceStatus)
    .optional(),
  eInvoiceXml: z.string().optional(),
  eInvoiceXmlInScratch: z.literal(true).optional(),
  failure: z.looseObject({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

/** render-pdf's input: a preview's HTML, or the generation's state. */
export const PdfStepIn = z.discriminatedUnion('mode', [
  // tenantId: where a preview over the inline cap is kept (absent from executions started before that).
  z.object({ mode: z.literal('preview'), doc: HtmlIn, tenantId: id('ten', 'a tenant id').optional() }),
  z.object({ mode: z.literal('document'), state: RenderStateIn }),
]);
export type PdfStepInput = z.output<typeof PdfStepIn>;
