import { DomainError } from '#core/errors';
import { renderPdfStep, type PdfStepDeps } from '#core/templates/render-steps';
import { PdfStepIn, type PdfStepInput } from '#core/templates/step-input';
import { parseInput } from '#core/validation';
import { chromiumPdf, warmBrowser } from '#store/templates/chromium-pdf';
import { s3JobObjects } from '#store/templates/job-objects';
import { putPreview } from '#store/templates/preview-objects';
import { taskError } from '#tasks/conversion-error';
import { renderLimits } from '#wiring/render-limits';

export const PREVIEW_MAX_BYTES = 180 * 1024;

// Chromium starts with the function, not with its first render (chromium-pdf.ts, warmBrowser).
warmBrowser();

/**
 * The only function with Chromium: PDF for the render workflow (HTML from S3, PDF to the upload's
 * key) and for previews (HTML in, base64 PDF out up to 180 KB; a larger one goes to the bucket for a
 * day, preview-objects.ts, and its key comes out). The browser outlives invocations.
 */
export async function handler(input: PdfStepInput) {
  // Refusals leave with their field errors (which part crashed the renderer), for the API to answer with.
  try {
    // Parsed at the task edge, as a route parses a body: Chromium gets typed input or never starts.
    const parsed = parseInput(PdfStepIn, input, '');
    if (parsed.errors) throw new DomainError('VALIDATION', 'The PDF step got an invalid input.', parsed.errors);
    return await run(parsed.data);
  } catch (e) {
    throw taskError(e);
  }
}

async function run(input: PdfStepInput) {
  if (input.mode === 'preview') {
    const { pdf, pages } = await chromiumPdf.render(input.doc, renderLimits());
    // Base64 in the workflow's output, which holds 256 KB.
    if (pdf.byteLength <= PREVIEW_MAX_BYTES) return { pdf: Buffer.from(pdf).toString('base64'), pages };
    // An execution started before previews were stored names no tenant: refused as then.
    if (!input.tenantId)
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `The preview PDF is ${pdf.byteLength} bytes; previews stop at ${PREVIEW_MAX_BYTES}. Generate the document instead.`,
      );
    return { objectKey: await putPreview(input.tenantId, pdf), pages, bytes: pdf.byteLength };
  }
  return renderPdfStep(
    { objects: s3JobObjects, pdf: chromiumPdf, limits: renderLimits() } satisfies PdfStepDeps,
    input.state,
  );
}
