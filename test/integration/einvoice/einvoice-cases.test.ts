import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXml } from '#test/unit/einvoice/xpath';
import { call, expectStatus, type ApiResponse } from '../api-client';
import { download, pdfText } from '../templates/helpers';
import { BUYER, lines, opted, SELLER, settled, xmlOf } from './helpers';

// Issue 22: each case of the list through the API: currencies, 0 % and reverse charge, credit
// notes, a rule the pre-check cannot see, the statuses, bad input before numbering, regeneration.

const get = async (key: string, path: string) => expectStatus(await call('GET', path, { key }), 200).body;
/** DOSSIER_PDF_DIR=/some/dir keeps a PDF to look at. */
const savePdf = (name: string, bytes: Buffer) => {
  const dir = process.env.DOSSIER_PDF_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.pdf`), bytes);
};
const made = async (key: string, res: ApiResponse) => settled(key, expectStatus(res, 201).body);
const paths = (res: ApiResponse) => ((res.body?.errors ?? []) as Array<{ path: string }>).map((e) => e.path).sort();
const numbers = async (key: string, sequenceId: string) =>
  (await get(key, `/v1/sequences/${sequenceId}/numbers`)).items as Array<{ number: string; status: string }>;

describe('e-invoice cases', () => {
  it('a JPY invoice, a 0 % line with its exemption reason and a reverse-charge line: valid, as the data says', async () => {
    const s = await opted('E-arve JPY');
    const jpy = await s.deal({
      currency: 'JPY',
      lineItems: [{ name: 'Litsents', quantity: 3, unitPrice: 1200, taxRate: 22 }],
    });
    const doc = await made(s.key, await s.generate(jpy));
    expect(doc.eInvoice).toMatchObject({ status: 'valid', kind: 'Invoice' });
    const r = await readXml(await xmlOf(s.key, doc.eInvoice.documentId));
    expect(r.text('/inv:Invoice/cbc:DocumentCurrencyCode')).toBe('JPY');
    expect(r.text('/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount')).toBe('4392');

    const mixed = await s.deal({
      lineItems: [
        { name: 'Arendus', quantity: 2, unitPrice: 50, taxRate: 22 },
        {
          name: 'Koolitus',
          quantity: 1,
          unitPrice: 80,
          taxRate: 0,
          taxCategory: 'E',
          taxExemptionReason: 'KMS § 16 lg 1 p 7',
        },
        {
          name: 'EU teenus',
          quantity: 1,
          unitPrice: 100,
          taxRate: 0,
          taxCategory: 'AE',
          taxExemptionReason: 'Pöördmaksustamine',
        },
      ],
    });
    const two = await made(s.key, await s.generate(mixed));
    expect(two.eInvoice).toMatchObject({ status: 'valid' });
    const x = await readXml(await xmlOf(s.key, two.eInvoice.documentId));
    expect(x.all('/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID').sort()).toEqual(['AE', 'E', 'S']);
    expect(x.text("//cac:TaxSubtotal/cac:TaxCategory[cbc:ID='E']/cbc:TaxExemptionReason")).toBe('KMS § 16 lg 1 p 7');
  });

  it('a credit note: creditNote with creditFor states the invoice credited (BT-25); a negative total is one by itself', async () => {
    const s = await opted('E-arve kreedit');
    const deal = await s.deal({ lineItems: lines(2) });
    const invoice = await made(s.key, await s.generate(deal));
    const credit = await made(s.key, await s.generate(deal, { creditNote: true, creditFor: invoice.id }));
    expect(credit.eInvoice).toMatchObject({ status: 'valid', kind: 'CreditNote' });
    const r = await readXml(await xmlOf(s.key, credit.eInvoice.documentId));
    expect(r.text('/cn:CreditNote/cbc:CreditNoteTypeCode')).toBe('381');
    expect(r.text('/cn:CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID')).toBe(
      invoice.generated.number,
    );
    // Numbered from the template's sequence, like any invoice.
    expect(credit.generated.number).not.toBe(invoice.generated.number);
    // The PDF says what the XML says: a credit note for that invoice, asking for no payment.
    const paper = (await pdfText(await download(s.key, credit.id))).text;
    expect(paper).toContain(`KREEDITARVE ${credit.generated.number}`);
    expect(paper).toContain(`Krediteerib arvet ${invoice.generated.number}`);
    expect(paper).toContain('Kreeditarve – ei kuulu tasumisele.');
    expect(paper).not.toContain('Palume tasuda');
    // Not paid, so no due date either; and named as what it is, the XML too.
    expect(paper).not.toContain('Maksetähtaeg');
    expect(paper).toContain('Kreeditarve nr');
    expect(paper).not.toContain('Arve nr');
    expect(credit.name).toBe(`Kreeditarve ${credit.generated.number}.pdf`);
    expect((await get(s.key, `/v1/documents/${credit.eInvoice.documentId}`)).name).toBe(
      `Kreeditarve ${credit.generated.number}.xml`,
    );
    const invoicePaper = (await pdfText(await download(s.key, invoice.id))).text;
    expect(invoicePaper).toContain('Palume tasuda');
    expect(invoicePaper).toContain('Maksetähtaeg');
    expect(invoice.name).toBe(`Arve ${invoice.generated.number}.pdf`);
    savePdf('credit-note', await download(s.key, credit.id));

    // Regenerated without saying it again: still a credit note for the same invoice, on paper and in the XML.
    const again = await made(
      s.key,
      await call('POST', `/v1/documents/${credit.id}/regenerate`, { key: s.key, body: {} }),
    );
    expect(again.eInvoice).toMatchObject({ status: 'valid', kind: 'CreditNote' });
    const x = await readXml(await xmlOf(s.key, again.eInvoice.documentId));
    expect(x.text('/cn:CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID')).toBe(
      invoice.generated.number,
    );
    const paperAgain = (await pdfText(await download(s.key, again.id))).text;
    expect(paperAgain).toContain(`Krediteerib arvet ${invoice.generated.number}`);
    expect(paperAgain).not.toContain('Maksetähtaeg');

    const refund = await s.deal({ lineItems: [{ name: 'Tagasimakse', quantity: 1, unitPrice: -40, taxRate: 22 }] });
    const negative = await made(s.key, await s.generate(refund));
    expect(negative.eInvoice).toMatchObject({ status: 'valid', kind: 'CreditNote' });

    // creditFor must be a numbered generated document of the tenant: 400 at creditFor, nothing numbered.
    const before = (await numbers(s.key, s.sequenceId)).length;
    const upload = 'doc_01J0000000000000000000000A';
    expect(paths(expectStatus(await s.generate(deal, { creditFor: upload }), 400))).toEqual(['body.creditFor']);
    expect(await numbers(s.key, s.sequenceId)).toHaveLength(before);
  }, 90_000);

  it('a rule the pre-check cannot see (a buyer GLN with a wrong check digit): invalid with its rule id, on the timeline; the PDF stands, the XML is not served', async () => {
    const s = await opted('E-arve vigane', SELLER, { ...BUYER, peppolId: '0088:1234567890123' });
    const answer = expectStatus(await s.generate(await s.deal({ lineItems: lines(2) })), 201).body;
    expect(answer.contentType).toBe('application/pdf');
    // The XSD passes: only the Schematron (asynchronous) finds it, on the XML stored.
    expect(answer.eInvoice.documentId).toMatch(/^doc_/);
    const doc = await settled(s.key, answer);
    expect(doc.eInvoice.status).toBe('invalid');
    expect(doc.eInvoice.errors).toContainEqual(expect.objectContaining({ rule: 'PEPPOL-COMMON-R040' }));
    expect(doc.eInvoice.errors[0].path).toMatch(/EndpointID/);
    // Kept, marked invalid (the twin's versions follow the invoice's), and never served.
    const xmlId = doc.eInvoice.documentId;
    expect((await get(s.key, `/v1/documents/${xmlId}`)).eInvoice).toMatchObject({
      status: 'invalid',
      invoiceId: doc.id,
    });
    const refused = expectStatus(await call('GET', `/v1/documents/${doc.id}/e-invoice`, { key: s.key }), 409).body;
    expect(refused.detail).toContain('PEPPOL-COMMON-R040');
    expect(refused.eInvoice).toEqual(doc.eInvoice);
    const timeline = (await get(s.key, `/v1/documents/${doc.id}/timeline`)).items;
    const entry = timeline.find((e: { type: string }) => e.type === 'e_invoice_invalid');
    expect(entry.changes[0]).toMatchObject({
      field: 'eInvoice',
      from: { status: 'pending' },
      to: { status: 'invalid' },
    });
    expect(entry.changes[0].to.errors.map((e: { rule: string }) => e.rule)).toContain('PEPPOL-COMMON-R040');
    // The PDF itself is a valid invoice and downloads.
    expect((await download(s.key, doc.id)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('not opted in: skipped; draft and HTML: skipped, no XML; other templates: no eInvoice at all', async () => {
    const s = await opted('E-arve ei', { ...SELLER, eInvoicing: false });
    const deal = await s.deal({ lineItems: lines(2) });
    const plain = expectStatus(await s.generate(deal), 201).body;
    expect(plain.eInvoice).toEqual({ status: 'skipped' });
    expect(paths(expectStatus(await s.generate(deal, { eInvoice: 'required' }), 400))).toEqual(['body.eInvoice']);

    const o = await opted('E-arve mustand');
    const d = await o.deal({ lineItems: lines(2) });
    const draft = expectStatus(await o.generate(d, { draft: true }), 201).body;
    expect(draft.eInvoice).toEqual({ status: 'skipped' });
    const html = expectStatus(await o.generate(d, { format: 'html' }), 201).body;
    expect(html.eInvoice).toEqual({ status: 'skipped' });
    for (const doc of [draft, html]) expect((await get(o.key, `/v1/documents/${doc.id}/relations`)).items).toEqual([]);

    const offer = expectStatus(
      await call('POST', '/v1/templates', {
        key: o.key,
        body: { fromBuiltin: 'offer', name: 'Pakkumine', locale: 'et' },
      }),
      201,
    ).body;
    const made = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: o.key,
        body: { templateId: offer.id, record: { entity: 'deal', id: d }, format: 'html' },
      }),
      201,
    ).body;
    expect(made.eInvoice).toBeUndefined();
    const offerWith = (extra: object) =>
      call('POST', '/v1/documents/generate', {
        key: o.key,
        body: { templateId: offer.id, record: { entity: 'deal', id: d }, ...extra },
      });
    expect(paths(expectStatus(await offerWith({ creditNote: true }), 400))).toEqual(['body.creditNote']);
    expect(paths(expectStatus(await offerWith({ eInvoice: 'required' }), 400))).toEqual(['body.eInvoice']);
  });

  it('missing data: the PDF with missing-data (auto); with eInvoice required a 400 naming each field, no number taken', async () => {
    const { bank: _b, ...noBank } = SELLER;
    const { address: _a, ...noCountry } = BUYER;
    const s = await opted('E-arve puudu', noBank, noCountry);
    const deal = await s.deal({ lineItems: lines(2) });
    const refused = expectStatus(await s.generate(deal, { eInvoice: 'required' }), 400);
    // Named as the conversion's required fields are: what to fill in, not a place in the request.
    expect(refused.body.type).toMatch(/required-fields-missing/);
    expect(paths(refused)).toEqual(['company.address.countryCode', 'company.peppolId', 'tenant.profile.bank.iban']);
    expect(await numbers(s.key, s.sequenceId)).toEqual([]);
    const doc = expectStatus(await s.generate(deal), 201).body;
    expect(doc.eInvoice).toEqual({
      status: 'missing-data',
      missing: ['tenant.profile.bank.iban', 'company.address.countryCode', 'company.peppolId'],
    });
    expect(doc.generated.number).toBe('ARVE-0001');
  });

  it('bad input: no lines, quantity 0, too many decimals, an unknown currency, an exempt line without its reason: 400 before numbering', async () => {
    const s = await opted('E-arve halb');
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ lineItems: [] }, ['lineItems']],
      [{ lineItems: [{ name: 'a', quantity: 0, unitPrice: 10, taxRate: 22 }] }, ['lineItems[0].quantity']],
      [
        { currency: 'JPY', lineItems: [{ name: 'a', quantity: 1, unitPrice: 10.5, taxRate: 22 }] },
        ['lineItems[0].unitPrice'],
      ],
      [{ currency: 'XYZ', lineItems: [{ name: 'a', quantity: 1, unitPrice: 10, taxRate: 22 }] }, ['currency']],
      [
        {
          lineItems: [
            { name: 'a', quantity: 1, unitPrice: 10, taxRate: 22 },
            { name: 'b', quantity: 1, unitPrice: 10, taxRate: 0, taxCategory: 'E' },
          ],
        },
        ['lineItems[1].taxExemptionReason'],
      ],
    ];
    const refusedByDeal: string[] = [];
    for (const [deal, fields] of cases) {
      const res = await call('POST', '/v1/deals', {
        key: s.key,
        body: { title: 'Halb', currency: 'EUR', companyId: s.companyId, ...deal },
      });
      // The deal itself may already refuse it (the records' own rules): nothing to generate then.
      if (res.status === 400) {
        refusedByDeal.push(fields[0]);
        continue;
      }
      const refused = expectStatus(await s.generate(expectStatus(res, 201).body.id), 400);
      expect(paths(refused), JSON.stringify(deal)).toEqual(fields.map((f) => `body.record.${f}`));
    }
    // Deals already refuse these two (the records' money rules), so no invoice can carry them; the
    // pre-check's own refusal of them is tested on the render data (test/unit/einvoice/precheck.test.ts).
    expect(refusedByDeal).toEqual(['lineItems[0].quantity', 'lineItems[0].unitPrice']);
    expect(await numbers(s.key, s.sequenceId)).toEqual([]);
  });

  it('a regeneration makes a new version of both documents, with the same number', async () => {
    const s = await opted('E-arve uuesti');
    const first = await made(s.key, await s.generate(await s.deal({ lineItems: lines(3) })));
    // Restricted since: the new XML version takes the invoice's visibility and ACL.
    const acl = [{ role: 'admin', access: 'read' }];
    const patched = await call('PATCH', `/v1/documents/${first.id}`, {
      key: s.key,
      body: { visibility: 'restricted', acl },
      headers: { 'if-match': `"${first.version}"` },
    });
    expectStatus(patched, 200);
    const again = await made(
      s.key,
      await call('POST', `/v1/documents/${first.id}/regenerate`, { key: s.key, body: { dueDate: '2027-01-31' } }),
    );
    expect(again.id).toBe(first.id);
    expect(again.generated.number).toBe(first.generated.number);
    expect(again.eInvoice).toMatchObject({ status: 'valid', documentId: first.eInvoice.documentId });
    const xmlDoc = await get(s.key, `/v1/documents/${first.eInvoice.documentId}`);
    expect(xmlDoc.currentVersion).toBe(2);
    expect(xmlDoc).toMatchObject({ visibility: 'restricted', acl });
    expect(xmlDoc.generated.dataHash).toBe(again.generated.dataHash);
    const r = await readXml(await xmlOf(s.key, xmlDoc.id));
    expect(r.text('/inv:Invoice/cbc:DueDate')).toBe('2027-01-31');
    expect(r.text('/inv:Invoice/cbc:ID')).toBe(first.generated.number);
    expect((await get(s.key, `/v1/documents/${first.id}/relations`)).items).toHaveLength(1);
    // The XML is remade with its invoice, never on its own.
    expectStatus(await call('POST', `/v1/documents/${xmlDoc.id}/regenerate`, { key: s.key, body: {} }), 400);
  });
});
