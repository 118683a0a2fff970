import { minorUnits } from '#core/records/currencies';
import { lineNetMinor, type TaxCategory, type TaxSubtotal } from '#core/records/money';
import {
  asEInvoiceData,
  countryCodeOf,
  EE_REGISTRY_SCHEME,
  endpointOf,
  isVatNumber,
  taxIdOf,
  type EInvoiceAddress,
  type EInvoiceData,
  type EInvoiceLine,
} from '#core/einvoice/data';
import { unitCode, UNIT_ONE } from '#core/einvoice/units';
import { XmlWriter } from '#core/einvoice/xml';

// The EN 16931 invoice in the Peppol BIS Billing 3.0 syntax (UBL 2.1 Invoice or CreditNote), built
// from the render data the PDF is made from. Pure and deterministic: the same data gives the same
// bytes (no clock, no random id; every date comes from the data).
//
// Every figure comes from the data's `lineItems` and `totals`, which computeTotals made for the PDF
// (core/records/money.ts): line nets, the VAT per category and rate, the totals. What the business
// rules need and the data does not hold (a line's gross q·p and its allowance) is derived with
// money.ts's own rounding, so the XML adds up exactly as the rules check it: BR-CO-10 (Σ line nets),
// BR-CO-13/15 (totals), BR-S-08 & co (taxable amount per category), BR-CO-17 (VAT per category),
// PEPPOL-EN16931-R120 (line net = quantity × price − allowance) and R040 (allowance = base × %).

export const CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const NS = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

/** Something the XML had to approximate, named by its path in the render data (`lineItems[3].unit`). */
export interface EInvoiceWarning {
  path: string;
  message: string;
}

export interface EInvoice {
  xml: string;
  kind: 'Invoice' | 'CreditNote';
  warnings: EInvoiceWarning[];
}

export interface EInvoiceOptions {
  /** A credit note even though the total is not negative (issue 22: `creditNote: true` on generate). */
  creditNote?: boolean;
  /** The invoice it credits (BT-25, BillingReference). */
  creditFor?: string;
}

/**
 * SEPA members by IBAN country (EU, EEA, and the non-EU members whose banks take SEPA transfers).
 * A EUR invoice payable to such an IBAN says "SEPA credit transfer" (UNCL 4461 code 58), which
 * tells the buyer's software which payment to make (an SCT, with the reference as structured
 * remittance); any other is a plain credit transfer (30).
 */
const SEPA = new Set(
  'AD AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL PT RO SE SI SK SM VA'.split(
    ' ',
  ),
);

export const paymentMeansCode = (iban: string, currency: string): '58' | '30' =>
  currency === 'EUR' && SEPA.has(iban.slice(0, 2).toUpperCase()) ? '58' : '30';

/** VATEX codes (CEF list) that mean the category itself, with the standard text beside them. */
const EXEMPTION: Partial<Record<TaxCategory, { code: string; en: string; et: string }>> = {
  AE: { code: 'VATEX-EU-AE', en: 'Reverse charge', et: 'Pöördmaksustamine' },
  K: { code: 'VATEX-EU-IC', en: 'Intra-community supply', et: 'Ühendusesisene käive' },
  G: { code: 'VATEX-EU-G', en: 'Export outside the EU', et: 'Eksport väljapoole Euroopa Liitu' },
  O: { code: 'VATEX-EU-O', en: 'Not subject to VAT', et: 'Ei kuulu käibemaksuga maksustamisele' },
};

/** Categories whose breakdown must carry a reason (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10). */
export const NEEDS_EXEMPTION_REASON: ReadonlySet<TaxCategory> = new Set(['E', 'AE', 'K', 'G', 'O']);

/** A plain decimal, never in exponent form (1e-7 is 0.0000001), as XML Schema's decimal wants it. */
export function plainDecimal(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  const [mantissa, exp] = text.split(/e/i);
  const decimals = Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exp));
  return n.toFixed(Math.min(decimals, 100));
}

/**
 * An amount in minor units written in major units with the currency's decimals: 1250 → `12.50` in
 * EUR, `1250` in JPY. A currency with three decimals drops trailing zeros down to two, as EN 16931
 * allows at most two (BR-DEC-*; the pre-check refuses a third that is not zero).
 */
export function formatMinor(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${abs}`;
  let fraction = abs.slice(-digits);
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${sign}${abs.slice(0, -digits)}.${fraction}`;
}

const toMinor = (major: number, digits: number): number => Math.round(major * 10 ** digits);

interface LineFigures {
  line: EInvoiceLine;
  /** Signed as the document shows it (a credit note negates). Minor units. */
  net: number;
  gross: number;
  allowance: number;
  quantity: number;
  price: string;
  baseQuantity?: string;
}

/**
 * A line's figures as UBL states them. The net is the data's; the gross q·p is rounded as money.ts
 * rounds it (its lineNetMinor without the discount), so the allowance, gross − net, is the one
 * money.ts subtracted. The price is never negative (BR-27): a line with a negative price (a credit
 * line) is stated as a negative quantity at a positive price, which multiplies to the same amount.
 */
function lineFigures(line: EInvoiceLine, sign: 1 | -1, digits: number): LineFigures {
  const net = sign * toMinor(line.net, digits);
  const gross = sign * lineNetMinor({ ...line, discount: 0 }, digits);
  const quantity = sign * line.unitPrice < 0 ? -line.quantity : line.quantity;
  const price = Math.abs(line.unitPrice);
  const figures: LineFigures = { line, net, gross, allowance: gross - net, quantity, price: plainDecimal(price) };
  // R120 allows 0.02 between quantity × price and the rounded gross. Rounding to a whole unit (JPY:
  // 1.5 h at ¥7 is ¥11, not 10.5) can move it further; then the price is stated for the line's
  // whole quantity (BaseQuantity), which multiplies back to the gross exactly.
  if (Math.abs(quantity * price - gross / 10 ** digits) > 0.02) {
    figures.price = formatMinor(Math.abs(gross), digits);
    figures.baseQuantity = plainDecimal(Math.abs(quantity));
  }
  return figures;
}

const isEstonian = (locale: string) => locale.toLowerCase().startsWith('et');

/**
 * The e-invoice of a numbered document's render data. A CreditNote (type 381) when the total is
 * negative or `opts.creditNote` says so. When the total is negative every amount is negated, as a
 * UBL CreditNote states what is credited as positive amounts; a credit note asked for on positive
 * lines keeps them as they are (those lines are what is credited). Fields the data lacks are left
 * out; `eInvoiceMissing` (precheck.ts) names those the rules need, so run it first.
 */
export function buildEInvoice(input: Record<string, unknown>, opts: EInvoiceOptions = {}): EInvoice {
  const data: EInvoiceData = asEInvoiceData(input);
  const warnings: EInvoiceWarning[] = [];
  const { document: doc, tenant, company, totals, currency } = data;
  const lines = data.lineItems;
  const digits = minorUnits(currency);
  const negative = totals.gross < 0;
  const kind: EInvoice['kind'] = negative || opts.creditNote ? 'CreditNote' : 'Invoice';
  const sign: 1 | -1 = negative ? -1 : 1;
  const et = isEstonian(data.locale);
  const money = (minor: number) => formatMinor(minor, digits);
  const major = (value: number) => sign * toMinor(value, digits);
  const amount = { currencyID: currency };
  const categories = new Set(lines.map((l) => l.taxCategory));
  // BR-O-02: an invoice with a line not subject to VAT names no VAT identifier at all.
  const outOfScope = categories.has('O');

  const figures = lines.map((line) => lineFigures(line, sign, digits));
  const units = lines.map((line, i) => {
    const code = unitCode(line.unit);
    if (code) return code;
    warnings.push({
      path: `lineItems[${i}].unit`,
      message: `The unit "${line.unit}" has no UN/ECE Rec 20 code Dossier knows; the e-invoice says ${UNIT_ONE} (one).`,
    });
    return UNIT_ONE;
  });

  const x = new XmlWriter();
  const party = (
    p: {
      name?: string;
      legalName?: string;
      taxId?: string;
      registrationNumber?: string;
      peppolId?: string;
      address?: EInvoiceAddress;
      contact?: { name?: string; phone?: string; email?: string };
    },
    path: string,
  ) => {
    x.start('cac:Party');
    const endpoint = endpointOf(p);
    x.leaf('cbc:EndpointID', endpoint?.id, { schemeID: endpoint?.scheme });
    x.group('cac:PartyName', () => x.leaf('cbc:Name', p.name), !!p.name && p.name !== p.legalName);
    x.group('cac:PostalAddress', () => {
      x.leaf('cbc:StreetName', p.address?.street);
      x.leaf('cbc:CityName', p.address?.city);
      x.leaf('cbc:PostalZone', p.address?.postalCode);
      x.leaf('cbc:CountrySubentity', p.address?.region);
      x.group('cac:Country', () => x.leaf('cbc:IdentificationCode', countryCodeOf(p.address)));
    });
    const taxId = taxIdOf(p.taxId);
    if (taxId && isVatNumber(taxId)) {
      x.group(
        'cac:PartyTaxScheme',
        () => {
          x.leaf('cbc:CompanyID', taxId);
          x.group('cac:TaxScheme', () => x.leaf('cbc:ID', 'VAT'));
        },
        !outOfScope,
      );
    } else if (taxId) {
      // Not a VAT number (no country prefix, BR-CO-09): the seller's is its tax registration
      // identifier (BT-32, a scheme other than VAT); the buyer has no such field.
      if (path === 'tenant.profile')
        x.group('cac:PartyTaxScheme', () => {
          x.leaf('cbc:CompanyID', taxId);
          x.group('cac:TaxScheme', () => x.leaf('cbc:ID', 'TAX'));
        });
      else
        warnings.push({
          path: `${path}.taxId`,
          message: `"${taxId}" is not a VAT number (it does not start with a country code), so the e-invoice leaves it out.`,
        });
    }
    x.group('cac:PartyLegalEntity', () => {
      x.leaf('cbc:RegistrationName', p.legalName ?? p.name);
      const estonian = countryCodeOf(p.address) === 'EE';
      x.leaf('cbc:CompanyID', p.registrationNumber, { schemeID: estonian ? EE_REGISTRY_SCHEME : undefined });
    });
    x.group('cac:Contact', () => {
      x.leaf('cbc:Name', p.contact?.name);
      x.leaf('cbc:Telephone', p.contact?.phone);
      x.leaf('cbc:ElectronicMail', p.contact?.email);
    });
    x.close();
  };

  x.start(kind, { xmlns: NS[kind], 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc });
  x.leaf('cbc:CustomizationID', CUSTOMIZATION_ID);
  x.leaf('cbc:ProfileID', PROFILE_ID);
  x.leaf('cbc:ID', doc.number);
  x.leaf('cbc:IssueDate', doc.issueDate);
  // UBL 2.1's CreditNote has no DueDate: its BT-9 is PaymentMeans/PaymentDueDate (below), which
  // BR-CO-25 does not look at, so a credit note also states the date as payment terms.
  if (kind === 'Invoice') x.leaf('cbc:DueDate', doc.dueDate);
  x.leaf(kind === 'Invoice' ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode', kind === 'Invoice' ? '380' : '381');
  x.leaf('cbc:DocumentCurrencyCode', currency);
  // PEPPOL-EN16931-R003 wants a buyer reference or an order reference. Dossier has no order number
  // from the buyer; the buyer's contact person is what Estonian buyers route an invoice by, else the
  // deal's title (what was bought), else the invoice's own number.
  x.leaf('cbc:BuyerReference', data.contact?.fullName || data.record?.title || doc.number);
  x.group(
    'cac:BillingReference',
    () => x.group('cac:InvoiceDocumentReference', () => x.leaf('cbc:ID', opts.creditFor)),
    !!opts.creditFor,
  );

  x.start('cac:AccountingSupplierParty');
  party(
    {
      name: tenant.name,
      legalName: tenant.legalName ?? tenant.name,
      taxId: tenant.taxId,
      registrationNumber: tenant.registrationNumber,
      peppolId: tenant.peppolId,
      address: tenant.address,
      // BT-41, the seller's contact point: who sends the document (render data puts the user's id
      // where the user has no name: then the tenant's name), with the tenant's phone and email.
      contact: {
        name: data.user?.name && data.user.name !== data.user.id ? data.user.name : tenant.name,
        phone: tenant.phone,
        email: tenant.email,
      },
    },
    'tenant.profile',
  );
  x.close();
  x.start('cac:AccountingCustomerParty');
  party(
    {
      name: company.name,
      legalName: company.name,
      taxId: company.taxId,
      registrationNumber: company.registrationNumber,
      peppolId: company.peppolId,
      address: company.address,
      contact: { name: data.contact?.fullName, phone: data.contact?.phone, email: data.contact?.email },
    },
    'company',
  );
  x.close();

  // BR-IC-11/12: an intra-community supply states when and to which country it was delivered.
  const intraCommunity = categories.has('K');
  x.group(
    'cac:Delivery',
    () => {
      x.leaf('cbc:ActualDeliveryDate', doc.deliveryDate);
      x.group(
        'cac:DeliveryLocation',
        () =>
          x.group('cac:Address', () =>
            x.group('cac:Country', () => x.leaf('cbc:IdentificationCode', countryCodeOf(company.address))),
          ),
        intraCommunity,
      );
    },
    !!doc.deliveryDate || intraCommunity,
  );

  const iban = tenant.bank?.iban?.replace(/\s+/g, '').toUpperCase();
  // A credit note states the seller's account too, as Peppol's own credit note example does: the
  // buyer may settle it against the seller (and German buyers' rules, DE-R-001, require it).
  if (iban) {
    const code = paymentMeansCode(iban, currency);
    x.start('cac:PaymentMeans');
    x.leaf('cbc:PaymentMeansCode', code, { name: code === '58' ? 'SEPA credit transfer' : 'Credit transfer' });
    if (kind === 'CreditNote') x.leaf('cbc:PaymentDueDate', doc.dueDate); // BT-9's place in a CreditNote
    x.leaf('cbc:PaymentID', doc.referenceNumber);
    x.group('cac:PayeeFinancialAccount', () => {
      x.leaf('cbc:ID', iban);
      x.leaf('cbc:Name', tenant.legalName ?? tenant.name);
      x.group('cac:FinancialInstitutionBranch', () => x.leaf('cbc:ID', tenant.bank?.bic?.replace(/\s+/g, '')));
    });
    x.close();
  }
  if (kind === 'CreditNote')
    x.group('cac:PaymentTerms', () => x.leaf('cbc:Note', et ? `Tähtaeg ${doc.dueDate}` : `Due date ${doc.dueDate}`));

  // BG-23, one subtotal per category and rate, exactly as computeTotals grouped and rounded them.
  x.start('cac:TaxTotal');
  x.leaf('cbc:TaxAmount', money(major(totals.tax)), amount);
  for (const subtotal of totals.taxes) taxSubtotal(x, subtotal, lines, { money, major, amount, et });
  x.close();

  // BG-22. No document-level allowances or charges and nothing prepaid: the taxable total is the
  // sum of the line nets, and what is due is the gross.
  x.start('cac:LegalMonetaryTotal');
  x.leaf('cbc:LineExtensionAmount', money(major(totals.net)), amount);
  x.leaf('cbc:TaxExclusiveAmount', money(major(totals.net)), amount);
  x.leaf('cbc:TaxInclusiveAmount', money(major(totals.gross)), amount);
  x.leaf('cbc:PayableAmount', money(major(totals.gross)), amount);
  x.close();

  const lineTag = kind === 'Invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine';
  const quantityTag = kind === 'Invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity';
  figures.forEach((f, i) => {
    const { line } = f;
    x.start(lineTag);
    x.leaf('cbc:ID', line.position);
    x.leaf(quantityTag, plainDecimal(f.quantity), { unitCode: units[i] });
    x.leaf('cbc:LineExtensionAmount', money(f.net), amount);
    if (f.allowance !== 0) {
      x.start('cac:AllowanceCharge');
      x.leaf('cbc:ChargeIndicator', 'false');
      x.leaf('cbc:AllowanceChargeReasonCode', '95'); // UNCL 5189: discount
      x.leaf('cbc:AllowanceChargeReason', et ? 'Allahindlus' : 'Discount');
      // The percentage and base go together (R041/R042) and only when base × % is within R040's
      // 0.02 of the rounded amount, which a whole-unit currency can miss.
      const exact = (f.gross * line.discount) / 100;
      if (Math.abs(exact - f.allowance) / 10 ** digits <= 0.02)
        x.leaf('cbc:MultiplierFactorNumeric', plainDecimal(line.discount));
      x.leaf('cbc:Amount', money(f.allowance), amount);
      if (Math.abs(exact - f.allowance) / 10 ** digits <= 0.02) x.leaf('cbc:BaseAmount', money(f.gross), amount);
      x.close();
    }
    x.start('cac:Item');
    x.leaf('cbc:Name', line.name);
    x.start('cac:ClassifiedTaxCategory');
    x.leaf('cbc:ID', line.taxCategory);
    // BR-O-05: a line not subject to VAT has no rate.
    if (line.taxCategory !== 'O') x.leaf('cbc:Percent', plainDecimal(line.taxRate));
    x.group('cac:TaxScheme', () => x.leaf('cbc:ID', 'VAT'));
    x.close();
    x.close();
    x.start('cac:Price');
    x.leaf('cbc:PriceAmount', f.price, amount);
    x.leaf('cbc:BaseQuantity', f.baseQuantity, { unitCode: units[i] });
    x.close();
    x.close();
  });
  x.close();
  return { xml: x.toString(), kind, warnings };
}

function taxSubtotal(
  x: XmlWriter,
  subtotal: TaxSubtotal,
  lines: EInvoiceLine[],
  f: {
    money: (minor: number) => string;
    major: (value: number) => number;
    amount: { currencyID: string };
    et: boolean;
  },
) {
  x.start('cac:TaxSubtotal');
  x.leaf('cbc:TaxableAmount', f.money(f.major(subtotal.net)), f.amount);
  x.leaf('cbc:TaxAmount', f.money(f.major(subtotal.tax)), f.amount);
  x.start('cac:TaxCategory');
  x.leaf('cbc:ID', subtotal.category);
  if (subtotal.category !== 'O') x.leaf('cbc:Percent', plainDecimal(subtotal.rate));
  if (NEEDS_EXEMPTION_REASON.has(subtotal.category)) {
    const standard = EXEMPTION[subtotal.category];
    // The lines' own reasons (BT-120), each once; a category with a standard meaning also gets its
    // VATEX code, and its standard text when no line gives one. E has no single code: its reason
    // is the line's (the pre-check refuses an exempt line without one).
    const given = [
      ...new Set(
        lines
          .filter((l) => l.taxCategory === subtotal.category && l.taxRate === subtotal.rate)
          .map((l) => l.taxExemptionReason?.trim())
          .filter((r): r is string => !!r),
      ),
    ];
    x.leaf('cbc:TaxExemptionReasonCode', standard?.code);
    x.leaf('cbc:TaxExemptionReason', given.length ? given.join('; ') : standard && (f.et ? standard.et : standard.en));
  }
  x.group('cac:TaxScheme', () => x.leaf('cbc:ID', 'VAT'));
  x.close();
  x.close();
}
