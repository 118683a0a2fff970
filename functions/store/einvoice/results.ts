import type { EInvoiceResults } from '#core/templates/einvoice-validation';
import { tableName } from '#store/dynamo/client';
import { failed, transact } from '#store/dynamo/transact';
import { documentWrites } from '#store/documents/save-document';
import { documentEntry } from '#store/documents/timeline';
import { outboxPuts } from '#store/dynamo/outbox-item';

// The Schematron's result on an invoice and its XML twin: both documents (and their records' and
// lists' copies) on the versions the validation read, in one transaction, and an entry on each
// one's timeline (`e_invoice_validated` or `e_invoice_invalid`, naming the status). A failed
// condition is a newer change to either: the use case reads again and decides.
export const dynamoEInvoiceResults: EInvoiceResults = {
  async save({ pdf, xml, entry, actor, events }) {
    const TableName = tableName();
    const none = { added: [], removed: [] };
    const own = documentWrites(TableName, pdf, pdf.version - 1, none);
    const result = await transact({
      retry: 'e-invoice',
      hard: [...own, ...documentWrites(TableName, xml, xml.version - 1, none)],
      events: outboxPuts(pdf.tenantId, events),
      soft: [pdf, xml].map((doc) => documentEntry(TableName, doc, entry.type, actor, doc.updatedAt, entry.changes)),
    });
    if (result.ok) return 'saved';
    if (failed(result, 0) || failed(result, own.length)) return 'version-conflict';
    throw result.error;
  },
};
