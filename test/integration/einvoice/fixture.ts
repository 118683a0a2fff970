import { newId } from '#core/ids';
import type { EInvoiceStatus } from '#core/einvoice/status';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import type { TestTenant } from '../api-client';
import { createDeal, uploadDocument } from '../documents/helpers';

// An invoice PDF and its e-invoice twin as generation leaves them: two documents with the same
// links, the PDF stating `eInvoice`, the relation `e-invoice` from PDF to XML. Made through the API
// (uploads) and the store in this process (the status and the system relation), until generation
// makes them itself. Call useLocalRuntimeFromThisProcess() first.

export const pdfBytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024, 7), Buffer.from('\n%%EOF\n')]);
export const xmlBytes = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">2026-0001</cbc:ID></Invoice>\n',
);

/** Sets the PDF's `eInvoice` as the generation would (a system write, as the render steps make it). */
export async function setEInvoice(tenantId: string, documentId: string, eInvoice: EInvoiceStatus) {
  const doc = (await dynamoDocumentsStore.getDocument(tenantId, documentId))!;
  const next = { ...doc, eInvoice, version: doc.version + 1, updatedAt: new Date().toISOString() };
  const outcome = await dynamoDocumentsStore.saveDocument(
    next,
    doc.version,
    { added: [], removed: [] },
    {
      kind: 'system',
      name: 'test-e-invoice',
    },
    [],
  );
  if (outcome !== 'saved') throw new Error(`setting eInvoice: ${JSON.stringify(outcome)}`);
}

export async function invoicePair(t: TestTenant, status: EInvoiceStatus['status'] = 'valid') {
  const deal = await createDeal(t.ownerKey);
  const links = [{ entity: 'deal', id: deal.id }];
  const pdf = await uploadDocument(t.ownerKey, pdfBytes, {
    fileName: 'Arve 2026-0001.pdf',
    contentType: 'application/pdf',
    links,
  });
  const xml = await uploadDocument(t.ownerKey, xmlBytes, {
    fileName: 'Arve 2026-0001.xml',
    contentType: 'application/xml',
    links,
  });
  const outcome = await dynamoDocumentsStore.putRelation({
    id: newId('rel'),
    tenantId: t.id,
    fromId: pdf.id,
    toId: xml.id,
    type: 'e-invoice',
    createdAt: new Date().toISOString(),
    by: t.ownerUserId,
  });
  if (outcome !== 'created') throw new Error(`relating the e-invoice: ${outcome}`);
  await setEInvoice(t.id, pdf.id, { status, ...(status === 'valid' ? { documentId: xml.id, kind: 'Invoice' } : {}) });
  return { deal, pdf, xml };
}
