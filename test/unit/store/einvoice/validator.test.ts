import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateEInvoiceStep } from '#core/templates/render-steps';
import { eInvoiceRules } from '#store/einvoice/rules';
import { eInvoiceSchema } from '#store/einvoice/schema';
import { eInvoiceValidator } from '#store/einvoice/validator';
import { s3JobObjects } from '#store/templates/job-objects';

// The vendored rules run on Peppol's own examples (test/fixtures/einvoice/README.md) and on
// copies broken on purpose, one rule at a time.
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/einvoice/${name}`, import.meta.url), 'utf8');
const base = fixture('base-example.xml');
const rules = (issues: { rule: string }[]) => issues.map((i) => i.rule);

/** The copy with `from` replaced, failing if `from` is not there (a broken case must really be broken). */
function broken(xml: string, from: string, to: string): string {
  expect(xml).toContain(from);
  return xml.replace(from, to);
}

describe('e-invoice validation against the UBL 2.1 XSD, EN 16931 and Peppol BIS 3.0', () => {
  it.each([
    'base-example.xml',
    'vat-category-Z.xml',
    'vat-category-E.xml',
    'Allowance-example.xml',
    'base-creditnote-correction.xml',
    'forty-lines.xml',
  ])("Peppol's valid example %s passes with no fatal error", async (name) => {
    const result = await eInvoiceValidator.validate(fixture(name));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.ms?.xsd).toBeGreaterThan(0);
    expect(result.ms?.cen).toBeGreaterThan(0);
    expect(result.ms?.peppol).toBeGreaterThan(0);
  });

  it('a total with VAT that is not the total without VAT plus the VAT is BR-CO-15, with where it is', async () => {
    const xml = broken(
      base,
      '<cbc:TaxInclusiveAmount currencyID="EUR">1656.25</cbc:TaxInclusiveAmount>',
      '<cbc:TaxInclusiveAmount currencyID="EUR">1700.00</cbc:TaxInclusiveAmount>',
    );
    const result = await eInvoiceValidator.validate(xml);
    expect(result.valid).toBe(false);
    const issue = result.errors.find((e) => e.rule === 'BR-CO-15');
    expect(issue).toMatchObject({ flag: 'fatal', path: '/Invoice[1]' });
    expect(issue?.message).toContain('Invoice total amount with VAT (BT-112)');
    // The amount due no longer matches either: BR-CO-16, at the monetary total.
    expect(result.errors).toContainEqual(
      expect.objectContaining({ rule: 'BR-CO-16', path: '/Invoice[1]/cac:LegalMonetaryTotal[1]' }),
    );
  });

  it("an invoice without the buyer's name is BR-07", async () => {
    const xml = broken(base, '<cbc:RegistrationName>Buyer Official Name</cbc:RegistrationName>', '');
    const result = await eInvoiceValidator.validate(xml);
    expect(result.valid).toBe(false);
    expect(rules(result.errors)).toEqual(['BR-07']);
    expect(result.errors[0].message).toContain('Buyer name (BT-44)');
  });

  it('a rule flagged warning is a warning: the invoice stays valid', async () => {
    // UBL-CR-005: a Peppol invoice should not carry a UUID (CEN's rule, flag="warning").
    const xml = broken(
      base,
      '<cbc:IssueDate>',
      '<cbc:UUID>5d0b1c43-34d4-4d2f-9d5a-1d2b3c4d5e6f</cbc:UUID><cbc:IssueDate>',
    );
    const result = await eInvoiceValidator.validate(xml);
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ rule: 'UBL-CR-005', flag: 'warning', path: '/Invoice[1]' }),
    );
  });

  it('an element the schema does not allow is XSD with its line, and the Schematron does not run', async () => {
    const result = await eInvoiceValidator.validate(
      broken(base, '<cbc:IssueDate>', '<cbc:Colour>blue</cbc:Colour><cbc:IssueDate>'),
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ rule: 'XSD', flag: 'fatal', path: 'line 8' });
    expect(result.errors[0].message).toContain(
      "Element '{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}Colour'",
    );
    expect(result.ms).toMatchObject({ cen: 0, peppol: 0 });
  });

  it('a credit note is checked against the CreditNote schema, not the Invoice one', async () => {
    const creditNote = fixture('base-creditnote-correction.xml');
    // An invoice line's quantity element inside a credit note line: valid in an Invoice, not here.
    const xml = broken(creditNote, '<cbc:CreditedQuantity', '<cbc:InvoicedQuantity').replace(
      '</cbc:CreditedQuantity>',
      '</cbc:InvoicedQuantity>',
    );
    const result = await eInvoiceValidator.validate(xml);
    expect(rules(result.errors)).toEqual(['XSD']);
    expect(result.errors[0].message).toContain('InvoicedQuantity');
  });

  it.each([
    ['not XML at all', 'an invoice, honestly'],
    ['empty', ''],
    ['cut off', base.slice(0, 2000)],
    ['another document', '<?xml version="1.0"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>'],
  ])('%s input is a fatal XSD error, not a throw', async (_what, xml) => {
    const result = await eInvoiceValidator.validate(xml);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.every((e) => e.rule === 'XSD' && e.flag === 'fatal' && e.message.length > 0)).toBe(true);
    expect(result.errors[0].path).toMatch(/^line \d+$/);
  });

  it('checks asked at once each get their own answer (xmllint takes them one at a time)', async () => {
    const [valid, schemaError, noBuyer] = await Promise.all([
      eInvoiceValidator.validate(base),
      eInvoiceValidator.validate(broken(base, '<cbc:IssueDate>', '<cbc:Colour>blue</cbc:Colour><cbc:IssueDate>')),
      eInvoiceValidator.validate(broken(base, '<cbc:RegistrationName>Buyer Official Name</cbc:RegistrationName>', '')),
    ]);
    expect(valid.errors).toEqual([]);
    expect(rules(schemaError.errors)).toEqual(['XSD']);
    expect(rules(noBuyer.errors)).toEqual(['BR-07']);
  });

  it("leaves this process's exit code alone when xmllint exits with an error", async () => {
    const before = process.exitCode;
    const result = await eInvoiceValidator.validate('<Invoice/>');
    expect(rules(result.errors)).toContain('XSD');
    expect(process.exitCode).toBe(before);
  });

  it('a document too large for the schema check is an XSD error saying so, not a crash', async () => {
    // 80,000 lines (61 MB): past xmllint's 128 MiB ceiling, where its own messages only echo where it stopped.
    const forty = fixture('forty-lines.xml');
    const lines = forty.slice(forty.indexOf('<cac:InvoiceLine>'), forty.lastIndexOf('</Invoice>'));
    const huge = forty.slice(0, forty.indexOf('<cac:InvoiceLine>')) + lines.repeat(2000) + '</Invoice>';
    const result = await eInvoiceValidator.validate(huge);
    expect(result.errors).toEqual([
      {
        rule: 'XSD',
        message: 'The document is too large for the schema check: xmllint ran out of memory.',
        path: '/',
        flag: 'fatal',
      },
    ]);
    // The worker survives it: the next check answers as usual.
    expect((await eInvoiceValidator.validate(base)).valid).toBe(true);
  });

  it('split in two as the product runs them: the XSD beside Chromium leaves a Schematron error pending, the rules find it after', async () => {
    const xml = broken(
      base,
      '<cbc:TaxInclusiveAmount currencyID="EUR">1656.25</cbc:TaxInclusiveAmount>',
      '<cbc:TaxInclusiveAmount currencyID="EUR">1700.00</cbc:TaxInclusiveAmount>',
    );
    const schema = await eInvoiceSchema.validate(xml);
    expect(schema).toMatchObject({ valid: true, errors: [], ms: { cen: 0, peppol: 0 } });
    const rulesOnly = await eInvoiceRules.validate(xml);
    expect(rulesOnly.ms?.xsd).toBe(0);
    expect(rules(rulesOnly.errors)).toContain('BR-CO-15');
    // render-einvoice's step: the XML (inline in the state) passes its schema, so it stays pending.
    const deps = { objects: s3JobObjects, validator: eInvoiceSchema };
    const state = { tenantId: 'ten_x', jobId: 'job_x', format: 'pdf' as const, eInvoiceXml: xml };
    const pending = { status: 'pending' as const, kind: 'Invoice' as const };
    expect(await validateEInvoiceStep(deps, { ...state, eInvoice: pending })).toEqual({ eInvoice: pending });
    // A schema error is invalid at once, with the XSD's errors.
    const bad = broken(base, '<cbc:Note>', '<cbc:Nonsense>x</cbc:Nonsense><cbc:Note>');
    const step = await validateEInvoiceStep(deps, { ...state, eInvoiceXml: bad, eInvoice: pending });
    expect(step.eInvoice).toMatchObject({ status: 'invalid', kind: 'Invoice', errors: [{ rule: 'XSD' }] });
  });
});
