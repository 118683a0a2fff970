import { minorUnits } from '#core/records/currencies';
import { moneyProblem } from '#core/records/money';
import { EAS, ISO_4217 } from '#core/einvoice/codes';
import { asEInvoiceData, countryCodeOf, endpointOf, isVatNumber, PEPPOL_ID } from '#core/einvoice/data';
import type { EInvoiceOptions } from '#core/einvoice/ubl';

// What an e-invoice needs before it is generated (issue 22), checked on the render data before
// the number is taken, so a refusal burns no number.
//
// The answer has two lists of `{path, message}`, each path named as the API names the field:
//   - `missing`: tenant or company data the rules need and nobody has filled in yet
//     (`tenant.profile.bank.iban`, `company.address.countryCode`). For an opted-in tenant this is
//     `eInvoice: {status: "missing-data", missing: [paths]}` beside the PDF, or a 400 naming them
//     when the request says `"eInvoice": "required"`.
//   - `invalid`: the document itself cannot be a valid e-invoice (no lines, a line with quantity
//     0, a price with more decimals than the currency has, an unknown currency, an exempt line
//     without its reason): always a 400 before anything is numbered, naming each
//     (`lineItems[2].taxExemptionReason`).
// Both empty: `buildEInvoice` makes XML that the EN 16931 and Peppol rules accept.

export interface EInvoiceProblem {
  path: string;
  message: string;
}

export interface EInvoicePrecheck {
  missing: EInvoiceProblem[];
  invalid: EInvoiceProblem[];
}

const dedupe = (problems: EInvoiceProblem[]) => {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.path) && seen.add(p.path));
};

export function eInvoicePrecheck(input: Record<string, unknown>, opts: EInvoiceOptions = {}): EInvoicePrecheck {
  const data = asEInvoiceData(input);
  const { tenant, company, currency } = data;
  const lines = data.lineItems ?? [];
  const missing: EInvoiceProblem[] = [];
  const invalid: EInvoiceProblem[] = [];
  const need = (path: string, message: string) => missing.push({ path, message });
  const bad = (path: string, message: string) => invalid.push({ path, message });
  const categories = new Set(lines.map((l) => l.taxCategory));
  const creditNote = opts.creditNote || (data.totals?.gross ?? 0) < 0;

  // The seller (BG-4).
  if (!tenant.legalName?.trim()) need('tenant.profile.legalName', "the seller's legal name (BT-27) is required");
  const taxId = tenant.taxId?.trim();
  const registration = tenant.registrationNumber?.trim();
  if (categories.has('G') || categories.has('K')) {
    // BR-G-02, BR-IC-02: an export or intra-community supply names the seller's VAT number itself.
    if (!isVatNumber(taxId))
      need(
        'tenant.profile.taxId',
        "an export or intra-community supply needs the seller's VAT number (BR-G-02, BR-IC-02)",
      );
  } else if ([...categories].some((c) => c !== 'O')) {
    // BR-S-02, BR-Z-02, BR-E-02, BR-AE-02: a line with VAT (or zero rated, exempt, reverse charged)
    // needs the seller's VAT number; a registration code is not a tax identifier.
    if (!taxId) need('tenant.profile.taxId', "lines with a VAT category need the seller's VAT number (BR-S-02)");
  } else if (!taxId && !registration) {
    // BR-CO-26: the seller is identified by its VAT number or its registration code.
    need('tenant.profile.taxId', 'the seller needs a VAT number or tenant.profile.registrationNumber (BR-CO-26)');
  }
  if (!countryCodeOf(tenant.address))
    need('tenant.profile.address.countryCode', "the seller's country (ISO 3166-1 alpha-2, BR-09) is required");
  if (!creditNote && !tenant.bank?.iban?.trim())
    need('tenant.profile.bank.iban', 'an invoice paid by credit transfer needs the account (BT-84, BR-61)');
  endpoint(tenant, 'tenant.profile', 'seller', need, bad);

  // The buyer (BG-7).
  if (!company.name?.trim()) need('company.name', "the buyer's name (BT-44) is required: link the deal to a company");
  if (!countryCodeOf(company.address))
    need('company.address.countryCode', "the buyer's country (ISO 3166-1 alpha-2, BR-11) is required");
  if (categories.has('K') && !isVatNumber(company.taxId))
    need('company.taxId', "an intra-community supply needs the buyer's VAT number (BR-IC-02)");
  if (categories.has('AE') && !company.taxId?.trim() && !company.registrationNumber?.trim())
    need('company.taxId', "a reverse-charged line needs the buyer's VAT number or registration code (BR-AE-02)");
  endpoint(company, 'company', 'buyer', need, bad);

  // Germany's national rules in the Peppol set (DE-R-*) apply when seller and buyer are both German.
  if (countryCodeOf(tenant.address) === 'DE' && countryCodeOf(company.address) === 'DE') {
    const german: Array<[string, unknown, string]> = [
      ['tenant.profile.address.city', tenant.address?.city, 'DE-R-003'],
      ['tenant.profile.address.postalCode', tenant.address?.postalCode, 'DE-R-004'],
      ['tenant.profile.phone', tenant.phone, 'DE-R-006'],
      ['tenant.profile.email', tenant.email, 'DE-R-007'],
      ['tenant.profile.bank.iban', tenant.bank?.iban, 'DE-R-001'],
      ['company.address.city', company.address?.city, 'DE-R-008'],
      ['company.address.postalCode', company.address?.postalCode, 'DE-R-009'],
    ];
    for (const [path, value, rule] of german)
      if (!String(value ?? '').trim()) need(path, `required between German parties (${rule})`);
  }

  // The document.
  if (categories.has('K') && !data.document.deliveryDate)
    need('deliveryDate', 'an intra-community supply states its delivery date (BR-IC-11)');
  if (!ISO_4217.has(currency)) bad('currency', `${currency} is not an ISO 4217 currency (PEPPOL-EN16931-CL007)`);
  if (!lines.length) bad('lineItems', 'an e-invoice needs at least one line (BR-16)');
  const digits = minorUnits(currency);
  lines.forEach((line, i) => {
    const path = `lineItems[${i}]`;
    if (!(line.quantity > 0)) bad(`${path}.quantity`, 'must be greater than 0');
    const price = moneyProblem(line.unitPrice, currency);
    if (price) bad(`${path}.unitPrice`, price);
    // BR-E-10: an exempt line names its legal basis; no code stands for all exemptions.
    if (line.taxCategory === 'E' && !line.taxExemptionReason?.trim())
      bad(`${path}.taxExemptionReason`, 'an exempt line (tax category E) must say why it is exempt (BR-E-10)');
    // BR-O-11, BR-O-12: "not subject to VAT" is the whole invoice or none of it.
    if (categories.has('O') && line.taxCategory !== 'O' && categories.size > 1)
      bad(
        `${path}.taxCategory`,
        'cannot be mixed with lines not subject to VAT (category O) on one e-invoice (BR-O-12)',
      );
    // BR-DEC-*: EN 16931 amounts have at most two decimals; a third (KWD, BHD…) cannot be stated.
    if (digits > 2 && Math.round(line.net * 100) / 100 !== line.net)
      bad(path, 'its net has more than 2 decimals, which EN 16931 amounts cannot have (BR-DEC-23)');
  });
  if (
    digits > 2 &&
    data.totals &&
    [data.totals.tax, ...data.totals.taxes.map((t) => t.tax)].some((v) => Math.round(v * 100) / 100 !== v)
  )
    bad('currency', `amounts in ${currency} have 3 decimals, which EN 16931 amounts cannot have (BR-DEC-*)`);
  return { missing: dedupe(missing), invalid: dedupe(invalid) };
}

/** The paths of the missing fields (what `eInvoice.missing` lists). */
export const eInvoiceMissing = (data: Record<string, unknown>, opts?: EInvoiceOptions): string[] =>
  eInvoicePrecheck(data, opts).missing.map((p) => p.path);

function endpoint(
  party: { peppolId?: string; registrationNumber?: string; address?: Parameters<typeof countryCodeOf>[0] },
  path: string,
  role: 'seller' | 'buyer',
  need: (path: string, message: string) => void,
  bad: (path: string, message: string) => void,
) {
  const given = party.peppolId?.trim();
  if (given) {
    const match = given.match(PEPPOL_ID);
    if (!match) bad(`${path}.peppolId`, 'must be scheme:id, like 0191:12345678');
    else if (!EAS.has(match[1]))
      bad(`${path}.peppolId`, `${match[1]} is not an electronic address scheme Peppol knows (PEPPOL-EN16931-CL008)`);
    return;
  }
  if (!endpointOf(party))
    need(
      `${path}.peppolId`,
      `Peppol needs the ${role}'s electronic address (${role === 'seller' ? 'PEPPOL-EN16931-R020' : 'PEPPOL-EN16931-R010'}): a Peppol id, or for an Estonian ${role} its registration code`,
    );
}
