import { config } from '#config';
import type { PdfLimits } from '#core/templates/ports';

// Apart from the templates ports (functions/wiring/templates.ts), so that the Chromium Lambda,
// which needs only these and the job objects, does not bundle the HTML worker, Handlebars and the
// template stores with them.

export const renderLimits = (): PdfLimits => ({
  maxBytes: config().RENDER_MAX_BYTES,
  timeoutMs: config().RENDER_TIMEOUT_MS,
});
