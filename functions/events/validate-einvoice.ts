import { systemClock } from '#core/clock';
import { DomainError } from '#core/errors';
import { idPattern } from '#core/ids';
import { validateStored, type ValidateStoredDeps } from '#core/templates/einvoice-validation';
import { logger } from '#observability/logger';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import { eInvoiceRules } from '#store/einvoice/rules';
import { dynamoEInvoiceResults } from '#store/einvoice/results';
import { s3XmlObjects } from '#store/einvoice/xml-object';

const deps: ValidateStoredDeps = {
  documents: dynamoDocumentsStore,
  xml: s3XmlObjects,
  validator: eInvoiceRules,
  results: dynamoEInvoiceResults,
  clock: systemClock,
};

/**
 * Invoked asynchronously (Lambda `Event` invocation) by the render workflow's register, or by a
 * read that found an e-invoice pending for too long: runs the EN 16931 and Peppol Schematron on the
 * stored XML (its 10.7 MB of compiled rules live in this Lambda only) and states the result on the
 * invoice and its XML. A throw is Lambda's to retry (twice); a stale request changes nothing.
 */
export async function handler(event: { tenantId?: unknown; documentId?: unknown; jobId?: unknown }) {
  const { tenantId, documentId, jobId } = event;
  if (
    typeof tenantId !== 'string' ||
    !idPattern('ten').test(tenantId) ||
    typeof documentId !== 'string' ||
    !idPattern('doc').test(documentId) ||
    typeof jobId !== 'string' ||
    !idPattern('job').test(jobId)
  )
    throw new DomainError('VALIDATION', 'validate-einvoice needs {tenantId, documentId, jobId}.');
  const check = { tenantId, documentId, jobId };
  const result = await validateStored(deps, check);
  logger.info('e-invoice validated', { ...check, ...result });
  return result;
}
