/** One failed rule of the e-invoice's validation, as the document and the API state it. */
export interface EInvoiceError {
  /** The rule's id (`BR-CO-15`, `PEPPOL-EN16931-R010`, `XSD` for the schema). */
  rule: string;
  message: string;
  /** Where in the XML (an XPath with UBL prefixes). */
  path: string;
}

/** Something the XML states other than asked (an unmapped unit sent as `C62`), or a rule's warning. */
export interface EInvoiceWarning {
  path: string;
  message: string;
}

export type EInvoiceStatusName = 'valid' | 'invalid' | 'pending' | 'skipped' | 'missing-data';

/**
 * What became of a generated invoice's e-invoice, kept on the PDF document (with `documentId`) and
 * on its XML twin (with `invoiceId`): `pending` while the Schematron runs (asynchronously, after
 * the invoice is registered), then `valid`, or `invalid` with the fatal rules it failed (the XML
 * is kept, marked so, and never served); `missing-data` the fields the tenant or the company must
 * fill in, `skipped` an invoice without an e-invoice (the tenant has not opted in, a draft, HTML).
 * Absent on documents that are no invoices.
 */
export interface EInvoiceStatus {
  status: EInvoiceStatusName;
  /** On the invoice: its XML document, once stored (pending, valid or invalid). */
  documentId?: string;
  /** On the XML document: the invoice it belongs to. */
  invoiceId?: string;
  kind?: 'Invoice' | 'CreditNote';
  errors?: EInvoiceError[];
  warnings?: EInvoiceWarning[];
  /** The fields a `missing-data` status names (`tenant.profile.bank.iban`, `company.address.countryCode`). */
  missing?: string[];
}
