import type { EInvoiceChecks } from '#core/documents/ports';
import { invokeAsync } from '#store/aws/invoke';

/**
 * The e-invoice's Schematron is handed to validate-einvoice (Lambda queues, retries and runs it).
 * The invoice is committed by then, so a failed hand-off must not fail it: it is logged, and the
 * document, still pending past STALE_PENDING_MS, is handed over again when read.
 */
export const lambdaEInvoiceChecks: EInvoiceChecks = {
  request: (check) =>
    invokeAsync('validate-einvoice', check).catch((error: Error) =>
      console.warn(
        JSON.stringify({ level: 'WARN', message: 'validate-einvoice hand-off failed', ...check, error: error.name }),
      ),
    ),
};
