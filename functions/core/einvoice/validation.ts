// Checking an e-invoice against the official rules: the UBL 2.1 XSD, then the CEN EN 16931 and
// the Peppol BIS Billing 3.0 Schematron. Core only names the port; functions/store/einvoice/validator.ts
// runs the vendored artefacts (einvoice/artefacts/, compiled to einvoice/compiled/).

/** One failed rule, as the rule set reports it. */
export interface EInvoiceIssue {
  /**
   * The rule's id (`BR-CO-15`, `PEPPOL-EN16931-R001`, `UBL-CR-001`); `XSD` for a schema error (or a
   * document that is not XML); `SCHEMATRON` when a rule set could not run on the document at all.
   */
  rule: string;
  message: string;
  /** Where in the document: the rule's XPath location, `line N` for a schema error, `/` for the whole document. */
  path: string;
  /** fatal: the e-invoice must not be issued; warning: it may, and the rule's advice is shown. */
  flag: 'fatal' | 'warning';
}

export interface EInvoiceValidation {
  /** No fatal issue. */
  valid: boolean;
  errors: EInvoiceIssue[];
  warnings: EInvoiceIssue[];
  /** How long each stage took (ms); 0 for a stage not run (an XSD error stops before the Schematron). */
  ms?: { xsd: number; cen: number; peppol: number };
}

export interface EInvoiceValidator {
  /** Never throws for a bad document: a non-XML or schema-invalid input is an `XSD` error. */
  validate(xml: string): Promise<EInvoiceValidation>;
}
