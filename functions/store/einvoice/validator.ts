import type { EInvoiceValidator } from '#core/einvoice/validation';
import { eInvoiceRules } from '#store/einvoice/rules';
import { eInvoiceSchema } from '#store/einvoice/schema';

// All the official rules in one call: the UBL 2.1 XSD (./schema.ts), then the CEN EN 16931 and
// Peppol BIS Billing 3.0 Schematron (./rules.ts). The product runs them in two Lambdas (the XSD
// beside Chromium, the Schematron asynchronously after register); tests and the bench run both here.

export const eInvoiceValidator: EInvoiceValidator = {
  async validate(xml) {
    const schema = await eInvoiceSchema.validate(xml);
    // The Schematron rules assume a schema-valid document: an XSD error is the answer on its own.
    // One after the other, not side by side (xmllint runs in a worker thread): each stage's time is
    // then its own, and a Lambda below 1,769 MB has one vCPU anyway.
    if (!schema.valid) return schema;
    const rules = await eInvoiceRules.validate(xml);
    return { ...rules, ms: { ...rules.ms!, xsd: schema.ms!.xsd } };
  },
};
