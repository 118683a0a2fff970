import { describe, expect, it } from 'vitest';
import { readXml } from '#test/unit/einvoice/xpath';
import { call, expectStatus } from '../api-client';
import { BUYER, generatedDocument, lines, opted, SELLER, settled, xmlOf } from './helpers';

// Issue 22: the e-invoice beside every generated invoice of an opted-in tenant, driven as a client
// drives it: generate, then read the PDF document, the XML document, their relation and versions.

const get = async (key: string, path: string) => expectStatus(await call('GET', path, { key }), 200).body;
const money = (v: number) => v.toFixed(2);

describe('generate: the e-invoice beside the invoice', () => {
  it('a 40-line two-rate invoice (et built-in): a valid XML document, related, with the PDF facts', async () => {
    const s = await opted('E-arve 40');
    const dealId = await s.deal({ lineItems: lines(40), paymentTermDays: 21 });
    const answer = expectStatus(await s.generate(dealId, { issueDate: '2026-12-07' }), 201).body;
    // The answer: the XML stored, its XSD passed, the Schematron running (asynchronously; settled()).
    expect(answer.eInvoice).toMatchObject({ kind: 'Invoice', documentId: expect.stringMatching(/^doc_/) });
    const pdf = await settled(s.key, answer);
    expect(pdf.eInvoice).toMatchObject({ status: 'valid', kind: 'Invoice', documentId: answer.eInvoice.documentId });
    expect(pdf.eInvoice.errors).toBeUndefined();
    const xmlId = pdf.eInvoice.documentId as string;
    expect(xmlId).toMatch(/^doc_/);

    // The XML is a document of its own: application/xml, named like the PDF, same links and numbering.
    const xmlDoc = await get(s.key, `/v1/documents/${xmlId}`);
    expect(xmlDoc.contentType).toBe('application/xml');
    expect(xmlDoc.name).toBe(pdf.name.replace(/\.pdf$/, '.xml'));
    expect(xmlDoc.links).toEqual(pdf.links);
    expect(xmlDoc.visibility).toBe(pdf.visibility);
    expect(xmlDoc.acl).toEqual(pdf.acl);
    expect(xmlDoc.generated).toMatchObject({ number: pdf.generated.number, dataHash: pdf.generated.dataHash });
    // The XML states its own status, naming its invoice.
    expect(xmlDoc.eInvoice).toEqual({ status: 'valid', kind: 'Invoice', invoiceId: pdf.id });
    // Validated: on both documents' timelines.
    for (const id of [pdf.id, xmlId]) {
      const timeline = (await get(s.key, `/v1/documents/${id}/timeline`)).items;
      expect(timeline).toContainEqual(
        expect.objectContaining({ type: 'e_invoice_validated', actor: expect.objectContaining({ kind: 'system' }) }),
      );
    }
    // The XML's bytes count against the quota as the PDF's do; nothing stays reserved.
    const usage = await get(s.key, '/v1/tenant/usage');
    expect(usage).toMatchObject({ usedBytes: pdf.size + xmlDoc.size, reservedBytes: 0 });

    // Related: e-invoice from the PDF, e-invoice-of from the XML.
    const out = (await get(s.key, `/v1/documents/${pdf.id}/relations`)).items;
    expect(out).toContainEqual(expect.objectContaining({ type: 'e-invoice', label: 'e-invoice', documentId: xmlId }));
    const back = (await get(s.key, `/v1/documents/${xmlId}/relations`)).items;
    expect(back).toContainEqual(expect.objectContaining({ label: 'e-invoice-of', documentId: pdf.id }));

    // What the XML states is what the PDF's version states.
    const facts = (await get(s.key, `/v1/documents/${pdf.id}/versions`)).items[0].generated;
    const xml = await xmlOf(s.key, xmlId);
    const r = await readXml(xml);
    expect(r.text('/inv:Invoice/cbc:ID')).toBe(pdf.generated.number);
    expect(r.text('/inv:Invoice/cbc:IssueDate')).toBe(facts.issueDate);
    expect(r.text('/inv:Invoice/cbc:DueDate')).toBe(facts.dueDate);
    expect(facts.dueDate).toBe('2026-12-28');
    expect(r.text('/inv:Invoice/cac:PaymentMeans/cbc:PaymentID')).toBe(facts.referenceNumber);
    expect(r.text('/inv:Invoice/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID')).toBe(SELLER.bank.iban);
    expect(r.text('/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount')).toBe(money(facts.totals.net));
    expect(r.text('/inv:Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount')).toBe(money(facts.totals.gross));
    expect(r.text('/inv:Invoice/cac:TaxTotal/cbc:TaxAmount')).toBe(money(facts.totals.tax));
    const perRate = r.all('/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal').map((_, i) => {
      const at = `/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal[${i + 1}]`;
      return [
        r.text(`${at}/cac:TaxCategory/cbc:ID`),
        Number(r.text(`${at}/cac:TaxCategory/cbc:Percent`)),
        r.text(`${at}/cbc:TaxableAmount`),
        r.text(`${at}/cbc:TaxAmount`),
      ];
    });
    expect(perRate).toEqual(facts.totals.taxes.map((t: any) => [t.category, t.rate, money(t.net), money(t.tax)]));
    expect(perRate.map((p) => p[1])).toEqual([22, 9]);
    expect(r.all('/inv:Invoice/cac:InvoiceLine')).toHaveLength(40);
    expect(r.text('//cac:AccountingSupplierParty//cac:PartyLegalEntity/cbc:RegistrationName')).toBe(SELLER.legalName);
    expect(r.text('//cac:AccountingSupplierParty//cac:PartyTaxScheme/cbc:CompanyID')).toBe(SELLER.taxId);
    expect(r.text('//cac:AccountingCustomerParty//cac:PartyLegalEntity/cbc:RegistrationName')).toBe(BUYER.name);
    expect(r.text('//cac:AccountingCustomerParty//cac:PartyLegalEntity/cbc:CompanyID')).toBe(BUYER.registrationNumber);
    expect(r.text('//cac:AccountingCustomerParty/cac:Party/cbc:EndpointID')).toBe(BUYER.registrationNumber);
    expect(r.text('//cac:AccountingCustomerParty/cac:Party/cbc:EndpointID/@schemeID')).toBe('0191');
    // h → HUR, tk → H87 (Rec 20): no warning for units the mapping knows.
    expect(new Set(r.all('//cac:InvoiceLine/cbc:InvoicedQuantity/@unitCode'))).toEqual(new Set(['HUR', 'H87']));
  });

  it('a 200-line invoice whose XML is too large for the workflow state: carried in scratch, valid, stored whole', async () => {
    const s = await opted('E-arve 200');
    const long = lines(200).map((l, i) => ({ ...l, name: `${l.name}: tarkvaraarenduse ja hoolduse tööd, etapp ${i}` }));
    const pdf = await settled(
      s.key,
      await generatedDocument(s.key, await s.generate(await s.deal({ lineItems: long }))),
    );
    expect(pdf.eInvoice).toMatchObject({ status: 'valid', kind: 'Invoice' });
    const xmlDoc = await get(s.key, `/v1/documents/${pdf.eInvoice.documentId}`);
    // Over INLINE_STATE_BYTES (120 KB): it went through the job's scratch in S3, not the state.
    expect(xmlDoc.size).toBeGreaterThan(120_000);
    const r = await readXml(await xmlOf(s.key, xmlDoc.id));
    expect(r.all('/inv:Invoice/cac:InvoiceLine')).toHaveLength(200);
  }, 60_000);
});
