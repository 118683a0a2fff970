import { describe, expect, it } from 'vitest';
import { minorUnits } from '#core/records/currencies';
import {
  buildEInvoice,
  CUSTOMIZATION_ID,
  formatMinor,
  paymentMeansCode,
  plainDecimal,
  PROFILE_ID,
} from '#core/einvoice/ubl';
import { EINVOICE_CASES } from '#test/fixtures/einvoice/cases';
import { FORTY_LINES, invoiceData } from '#test/fixtures/einvoice/invoice-data';
import { readXml, type Reader } from './xpath';

// Issue 22: the XML itself. Its sums are checked here with the business rules' own XPath (decimal
// arithmetic, as the CEN and Peppol Schematron state them), and compared with the render data's
// totals, which are what the PDF prints.

const LINES = '/*/(cac:InvoiceLine | cac:CreditNoteLine)';
const QTY = '(cbc:InvoicedQuantity | cbc:CreditedQuantity)';

/** The EN 16931 / Peppol sums, each as the rule states it (no document-level allowances here). */
function sums(x: Reader, digits: number): Record<string, boolean> {
  const f = 10 ** digits;
  const total = (name: string) => `xs:decimal(/*/cac:LegalMonetaryTotal/cbc:${name})`;
  return {
    'BR-CO-10': x.check(`${total('LineExtensionAmount')} = sum(${LINES}/cbc:LineExtensionAmount/xs:decimal(.))`),
    'BR-CO-13': x.check(`${total('TaxExclusiveAmount')} = ${total('LineExtensionAmount')}`),
    'BR-CO-14': x.check(
      `xs:decimal(/*/cac:TaxTotal/cbc:TaxAmount) = sum(/*/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount/xs:decimal(.))`,
    ),
    'BR-CO-15': x.check(
      `${total('TaxInclusiveAmount')} = ${total('TaxExclusiveAmount')} + xs:decimal(/*/cac:TaxTotal/cbc:TaxAmount)`,
    ),
    'BR-CO-16': x.check(`${total('PayableAmount')} = ${total('TaxInclusiveAmount')}`),
    // BR-S-08, BR-Z-08, BR-E-08, BR-AE-08…: each breakdown's taxable amount is its lines' nets.
    'BR-*-08': x.check(`every $s in /*/cac:TaxTotal/cac:TaxSubtotal satisfies
      xs:decimal($s/cbc:TaxableAmount) = sum(${LINES}[cac:Item/cac:ClassifiedTaxCategory/cbc:ID = $s/cac:TaxCategory/cbc:ID
        and (not($s/cac:TaxCategory/cbc:Percent) or xs:decimal(cac:Item/cac:ClassifiedTaxCategory/cbc:Percent) = xs:decimal($s/cac:TaxCategory/cbc:Percent))]
        /cbc:LineExtensionAmount/xs:decimal(.))`),
    // BR-CO-17: the VAT of a breakdown is its taxable amount × rate, rounded once (half away from zero).
    'BR-CO-17': x.check(`every $s in /*/cac:TaxTotal/cac:TaxSubtotal satisfies
      (let $v := xs:decimal($s/cbc:TaxableAmount) * xs:decimal(($s/cac:TaxCategory/cbc:Percent, 0)[1]) div 100 * ${f}
       return xs:decimal($s/cbc:TaxAmount) = (if ($v lt 0) then -round(-$v) else round($v)) div ${f})`),
    'PEPPOL-EN16931-R120': x.check(`every $l in ${LINES} satisfies
      abs(xs:decimal($l/cbc:LineExtensionAmount) - (xs:decimal($l/${QTY}) * (xs:decimal($l/cac:Price/cbc:PriceAmount)
        div xs:decimal(($l/cac:Price/cbc:BaseQuantity, 1)[1])) - sum($l/cac:AllowanceCharge/cbc:Amount/xs:decimal(.)))) le 0.02`),
    'PEPPOL-EN16931-R040': x.check(`every $a in ${LINES}/cac:AllowanceCharge[cbc:BaseAmount] satisfies
      abs(xs:decimal($a/cbc:Amount) - xs:decimal($a/cbc:BaseAmount) * xs:decimal($a/cbc:MultiplierFactorNumeric) div 100) le 0.02`),
    'BR-27': x.check(`every $p in ${LINES}/cac:Price/cbc:PriceAmount satisfies xs:decimal($p) ge 0`),
    'BR-DEC-*': x.check(
      `every $a in //*[@currencyID][not(self::cbc:PriceAmount)] satisfies string-length(substring-after($a, '.')) le 2`,
    ),
    'PEPPOL-EN16931-R008': x.check(`every $e in //* satisfies ($e/* or normalize-space($e) != '')`),
  };
}

const allTrue = (rules: Record<string, boolean>) => Object.fromEntries(Object.keys(rules).map((k) => [k, true]));

/** The render data's totals as the XML must state them (negated on a credit note of a negative total). */
function expectTotalsOf(x: Reader, data: any) {
  const digits = minorUnits(data.currency);
  const sign = data.totals.gross < 0 ? -1 : 1;
  const money = (v: number) => formatMinor(Math.round(sign * v * 10 ** digits), digits);
  expect({
    net: x.text('/*/cac:LegalMonetaryTotal/cbc:LineExtensionAmount'),
    tax: x.text('/*/cac:TaxTotal/cbc:TaxAmount'),
    gross: x.text('/*/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount'),
    payable: x.text('/*/cac:LegalMonetaryTotal/cbc:PayableAmount'),
    taxes: x.all(
      `/*/cac:TaxTotal/cac:TaxSubtotal/concat(cac:TaxCategory/cbc:ID, ' ', (cac:TaxCategory/cbc:Percent, '-')[1], ' ', cbc:TaxableAmount, ' ', cbc:TaxAmount)`,
    ),
    lines: x.all(`${LINES}/cbc:LineExtensionAmount`),
  }).toEqual({
    net: money(data.totals.net),
    tax: money(data.totals.tax),
    gross: money(data.totals.gross),
    payable: money(data.totals.gross),
    taxes: data.totals.taxes.map(
      (t: any) => `${t.category} ${t.category === 'O' ? '-' : plainDecimal(t.rate)} ${money(t.net)} ${money(t.tax)}`,
    ),
    lines: data.lineItems.map((l: any) => money(l.net)),
  });
}

describe('buildEInvoice: the Peppol BIS Billing 3.0 UBL document (issue 22)', () => {
  it.each(Object.entries(EINVOICE_CASES))(
    '%s: well-formed, its sums hold by the EN 16931 and Peppol rules and equal the PDF data’s totals',
    async (_name, c) => {
      const data = c.data();
      const { xml } = buildEInvoice(data, c.opts);
      const x = await readXml(xml);
      const rules = sums(x, minorUnits((data as any).currency));
      expect(rules).toEqual(allTrue(rules));
      expectTotalsOf(x, data);
    },
  );

  it('states the seller, the buyer, the dates, the currency and the payment as the data has them', async () => {
    const data = invoiceData({ lines: FORTY_LINES }) as any;
    const { xml, kind, warnings } = buildEInvoice(data);
    expect(kind).toBe('Invoice');
    expect(warnings).toEqual([]);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
      ),
    ).toBe(true);
    const x = await readXml(xml);
    const seller = '/*/cac:AccountingSupplierParty/cac:Party';
    const buyer = '/*/cac:AccountingCustomerParty/cac:Party';
    expect({
      customization: x.text('/*/cbc:CustomizationID'),
      profile: x.text('/*/cbc:ProfileID'),
      number: x.text('/*/cbc:ID'),
      issued: x.text('/*/cbc:IssueDate'),
      due: x.text('/*/cbc:DueDate'),
      type: x.text('/*/cbc:InvoiceTypeCode'),
      currency: x.text('/*/cbc:DocumentCurrencyCode'),
      buyerReference: x.text('/*/cbc:BuyerReference'),
      sellerEndpoint: x.text(`${seller}/cbc:EndpointID/concat(@schemeID, ':', .)`),
      sellerName: x.text(`${seller}/cac:PartyLegalEntity/cbc:RegistrationName`),
      sellerRegistration: x.text(`${seller}/cac:PartyLegalEntity/cbc:CompanyID/concat(@schemeID, ':', .)`),
      sellerVat: x.text(`${seller}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID`),
      sellerCountry: x.text(`${seller}/cac:PostalAddress/cac:Country/cbc:IdentificationCode`),
      buyerEndpoint: x.text(`${buyer}/cbc:EndpointID/concat(@schemeID, ':', .)`),
      buyerName: x.text(`${buyer}/cac:PartyLegalEntity/cbc:RegistrationName`),
      buyerVat: x.text(`${buyer}/cac:PartyTaxScheme/cbc:CompanyID`),
      buyerCity: x.text(`${buyer}/cac:PostalAddress/cbc:CityName`),
      sellerContact: x.all(`${seller}/cac:Contact/*`),
      buyerContact: x.text(`${buyer}/cac:Contact/cbc:ElectronicMail`),
      means: x.text('/*/cac:PaymentMeans/cbc:PaymentMeansCode'),
      reference: x.text('/*/cac:PaymentMeans/cbc:PaymentID'),
      iban: x.text('/*/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID'),
      bic: x.text('/*/cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID'),
      lines: x.text(`count(${LINES})`),
      units: [...new Set(x.all(`${LINES}/${QTY}/@unitCode`))].sort(),
    }).toEqual({
      customization: CUSTOMIZATION_ID,
      profile: PROFILE_ID,
      number: '2026-0042',
      issued: '2026-12-06',
      due: data.document.dueDate,
      type: '380',
      currency: 'EUR',
      buyerReference: 'Mari Maasikas',
      sellerEndpoint: '0191:12345678',
      sellerName: 'Arved OÜ',
      sellerRegistration: '0191:12345678',
      sellerVat: 'EE101234567',
      sellerCountry: 'EE',
      buyerEndpoint: '0191:87654321',
      buyerName: 'Ostja AS',
      buyerVat: 'EE102345678',
      buyerCity: 'Tallinn',
      sellerContact: ['Karl Kask', '+3725551234', 'arved@arved.example'],
      buyerContact: 'mari@ostja.example',
      means: '58',
      reference: data.document.referenceNumber,
      iban: 'EE382200221020145685',
      bic: 'HABAEE2X',
      lines: '40',
      units: ['DAY', 'H87', 'HUR', 'MON'],
    });
    expect(data.document.referenceNumber).toBe('202600428');
    expect(x.all('/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/concat(cbc:ID, cbc:Percent)')).toEqual(['S22', 'S9']);
  });

  it('is deterministic: the same data gives the same bytes', () => {
    const a = buildEInvoice(invoiceData({ lines: FORTY_LINES })).xml;
    const b = buildEInvoice(invoiceData({ lines: FORTY_LINES })).xml;
    expect(a).toBe(b);
  });

  it('states a JPY invoice in whole yen, and a price that rounding moved per the line’s whole quantity', async () => {
    const c = EINVOICE_CASES['a JPY invoice'];
    const x = await readXml(buildEInvoice(c.data()).xml);
    expect(x.all('//*[@currencyID][not(self::cbc:PriceAmount)][contains(., ".")]')).toEqual([]);
    // 1.5 h at ¥7 is ¥10.5, rounded to ¥11: R120 would miss by 0.5, so the price is ¥11 per 1.5 h.
    expect(
      x.all(`${LINES}[1]/(cbc:LineExtensionAmount, cac:Price/cbc:PriceAmount, cac:Price/cbc:BaseQuantity)`),
    ).toEqual(['11', '11', '1.5']);
    expect(x.all(`${LINES}[2]/cac:Price/cbc:BaseQuantity`)).toEqual([]);
  });

  it('gives a line discount as a line allowance (reason 95) with its percentage and base', async () => {
    const x = await readXml(buildEInvoice(EINVOICE_CASES['a line with a discount'].data()).xml);
    const allowance = `${LINES}[1]/cac:AllowanceCharge`;
    expect(
      x.all(
        `${allowance}/(cbc:ChargeIndicator, cbc:AllowanceChargeReasonCode, cbc:MultiplierFactorNumeric, cbc:Amount, cbc:BaseAmount)`,
      ),
    ).toEqual(['false', '95', '15', '9.00', '59.97']);
    expect(x.text(`${LINES}[1]/cbc:LineExtensionAmount`)).toBe('50.97');
  });

  it('keeps exemption reasons off 0 % zero-rated lines, and gives exempt and reverse-charged ones theirs', async () => {
    const zero = await readXml(buildEInvoice(EINVOICE_CASES['a 0 % line with an exemption reason'].data()).xml);
    const subtotal = (x: Reader, id: string) =>
      x.all(
        `/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[cbc:ID = '${id}']/(cbc:TaxExemptionReasonCode, cbc:TaxExemptionReason)`,
      );
    expect(subtotal(zero, 'Z')).toEqual([]); // BR-Z-10
    expect(subtotal(zero, 'E')).toEqual(['KMS § 16 lg 2 p 6']);
    expect(subtotal(zero, 'S')).toEqual([]);
    const ae = await readXml(buildEInvoice(EINVOICE_CASES['a reverse-charge line'].data()).xml);
    expect(subtotal(ae, 'AE')).toEqual(['VATEX-EU-AE', 'Pöördmaksustamine']);
    const own = invoiceData({
      locale: 'en-GB',
      lines: [
        { name: 'Works', quantity: 1, unitPrice: 10, taxRate: 0, taxCategory: 'AE', taxExemptionReason: 'KMS § 41¹' },
      ],
    });
    expect(subtotal(await readXml(buildEInvoice(own).xml), 'AE')).toEqual(['VATEX-EU-AE', 'KMS § 41¹']);
    const k = await readXml(buildEInvoice(EINVOICE_CASES['an intra-community supply to Finland'].data()).xml);
    expect(subtotal(k, 'K')).toEqual(['VATEX-EU-IC', 'Ühendusesisene käive']);
    expect(
      k.all(
        '/*/cac:Delivery/(cbc:ActualDeliveryDate, cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode)',
      ),
    ).toEqual(['2026-12-01', 'FI']);
    expect(k.text('/*/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID/concat(@schemeID, ":", .)')).toBe(
      '0216:003712345678',
    );
  });

  it("states a seller's tax id that is not a VAT number as its tax registration (BT-32), and leaves out a buyer's with a warning", async () => {
    const { xml, warnings } = buildEInvoice(EINVOICE_CASES['tax ids that are not VAT numbers'].data());
    const x = await readXml(xml);
    expect(x.all('//cac:PartyTaxScheme/concat(cbc:CompanyID, " ", cac:TaxScheme/cbc:ID)')).toEqual(['123456789 TAX']);
    expect(warnings).toEqual([
      { path: 'company.taxId', message: expect.stringContaining('"98765" is not a VAT number') },
    ]);
  });

  it('names no VAT number and no rate on an invoice not subject to VAT (BR-O-02, BR-O-05)', async () => {
    const x = await readXml(buildEInvoice(EINVOICE_CASES['a line not subject to VAT'].data()).xml);
    expect(x.all("//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']")).toEqual([]);
    expect(x.all('//cac:ClassifiedTaxCategory/cbc:Percent | //cac:TaxSubtotal/cac:TaxCategory/cbc:Percent')).toEqual(
      [],
    );
    expect(x.all('//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode')).toEqual(['VATEX-EU-O']);
  });

  it('makes a CreditNote of a negative total: amounts positive, credit lines at a positive price, the invoice it credits', async () => {
    const c = EINVOICE_CASES['a credit note with a negative total'];
    const data = c.data() as any;
    expect(data.totals.gross).toBeLessThan(0);
    const { xml, kind } = buildEInvoice(data, c.opts);
    expect(kind).toBe('CreditNote');
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    const x = await readXml(xml);
    expect({
      type: x.text('/*/cbc:CreditNoteTypeCode'),
      credits: x.text('/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID'),
      payable: x.text('/*/cac:LegalMonetaryTotal/cbc:PayableAmount'),
      due: x.text('/*/cac:PaymentTerms/cbc:Note'),
      means: x.all('/*/cac:PaymentMeans/(cbc:PaymentMeansCode, cbc:PaymentDueDate, cbc:PaymentID)'),
      line1: x.all(`${LINES}[1]/(cbc:CreditedQuantity, cbc:LineExtensionAmount, cac:Price/cbc:PriceAmount)`),
      line2: x.all(`${LINES}[2]/(cbc:CreditedQuantity, cbc:LineExtensionAmount, cac:Price/cbc:PriceAmount)`),
    }).toEqual({
      type: '381',
      credits: '2026-0041',
      payable: formatMinor(Math.round(-data.totals.gross * 100), 2),
      due: `Tähtaeg ${data.document.dueDate}`,
      means: ['58', data.document.dueDate, data.document.referenceNumber],
      line1: ['2', '90.00', '50'],
      line2: ['-1', '-5.00', '5'],
    });
    const asked = EINVOICE_CASES['a credit note asked for on positive lines'];
    const positive = buildEInvoice(asked.data(), asked.opts);
    expect(positive.kind).toBe('CreditNote');
    expect((await readXml(positive.xml)).text('/*/cac:LegalMonetaryTotal/cbc:PayableAmount')).toBe('61.00');
  });

  it('maps a unit it does not know to C62 and names the line in warnings', async () => {
    const { xml, warnings } = buildEInvoice(EINVOICE_CASES['an English invoice in USD with an unknown unit'].data());
    expect(warnings).toEqual([{ path: 'lineItems[0].unit', message: expect.stringContaining('"bundle"') }]);
    const x = await readXml(xml);
    expect(x.text(`${LINES}[1]/cbc:InvoicedQuantity/@unitCode`)).toBe('C62');
    expect(x.text(`${LINES}[1]/cac:Item/cbc:Name`)).toBe('Gadget <Pro> & "Max"');
    expect(xml).toContain('<cbc:Name>Gadget &lt;Pro&gt; &amp; "Max"</cbc:Name>');
    expect(x.text('/*/cac:PaymentMeans/cbc:PaymentMeansCode')).toBe('30'); // USD: not a SEPA transfer
  });

  it('escapes what XML cannot hold as text and drops control characters it cannot hold at all', async () => {
    const data = invoiceData({
      lines: [{ name: 'a\u0007b & <c>', quantity: 1, unitPrice: 1 }],
      company: { name: 'A&B "Q" OÜ' },
    });
    const x = await readXml(buildEInvoice(data).xml);
    expect(x.text(`${LINES}[1]/cac:Item/cbc:Name`)).toBe('ab & <c>');
    expect(x.text('/*/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName')).toBe(
      'A&B "Q" OÜ',
    );
  });

  it('reads an Estonian party by country name when it has no country code yet, a foreign one by its Peppol id, a VAT number however spaced', async () => {
    const data = invoiceData({
      lines: [{ name: 'x', quantity: 1, unitPrice: 1 }],
      profile: { address: { city: 'Tartu', country: 'Estonia' }, taxId: 'ee 101 234-567' },
      company: { address: { city: 'Riga', country: 'Latvia', countryCode: 'LV' }, peppolId: '9939:LV40003245752' },
    });
    const x = await readXml(buildEInvoice(data).xml);
    expect(x.all('//cac:PostalAddress/cac:Country/cbc:IdentificationCode')).toEqual(['EE', 'LV']);
    expect(x.all('//cbc:EndpointID/concat(@schemeID, ":", .)')).toEqual(['0191:12345678', '9939:LV40003245752']);
    // The profile's tax id is free text: written as companies' are stored.
    expect(x.all('//cac:PartyTaxScheme/cbc:CompanyID')).toEqual(['EE101234567', 'EE102345678']);
    // The Latvian registration code carries no Estonian scheme.
    expect(x.all('//cac:PartyLegalEntity/cbc:CompanyID/concat(@schemeID, ":", .)')).toEqual([
      '0191:12345678',
      ':87654321',
    ]);
  });

  it('pays by SEPA credit transfer (58) only in EUR to a SEPA IBAN, else by credit transfer (30)', () => {
    expect(paymentMeansCode('EE382200221020145685', 'EUR')).toBe('58');
    expect(paymentMeansCode('CH9300762011623852957', 'EUR')).toBe('58');
    expect(paymentMeansCode('EE382200221020145685', 'USD')).toBe('30');
    expect(paymentMeansCode('BR1800360305000010009795493C1', 'EUR')).toBe('30');
  });

  it('writes amounts with the currency’s decimals and numbers never in exponent form', () => {
    expect([
      formatMinor(1250, 2),
      formatMinor(-5, 2),
      formatMinor(1250, 0),
      formatMinor(12340, 3),
      formatMinor(7, 3),
    ]).toEqual(['12.50', '-0.05', '1250', '12.34', '0.007']);
    expect([plainDecimal(1e-7), plainDecimal(0.5), plainDecimal(22), plainDecimal(1.5e-10)]).toEqual([
      '0.0000001',
      '0.5',
      '22',
      '0.00000000015',
    ]);
  });
});
