import type { LineItem, TaxCategory, Totals } from '#core/records/money';
import { normalizeTaxId } from '#core/records/normalize';
import type { TenantProfile } from '#core/tenancy/profile';

// What the e-invoice reads of a document's render data: the object `renderData()` + `withNumber()`
// (core/templates/render-data.ts) build for the PDF. The XML is made from that same object, so the
// two cannot disagree. Typed here rather than imported: einvoice sits below templates in
// CORE_LEVELS, and it reads only these members.

export interface EInvoiceAddress {
  street?: string;
  city?: string;
  postalCode?: string;
  region?: string;
  country?: string;
  /** ISO 3166-1 alpha-2; the XML uses only it (older data: `country` Eesti/Estonia stands for EE). */
  countryCode?: string;
}

/** A line as render data holds it: the stored line plus its category and net (major units). */
export interface EInvoiceLine extends LineItem {
  position: number;
  taxCategory: TaxCategory;
  net: number;
}

export interface EInvoiceData {
  document: {
    number: string;
    issueDate: string;
    dueDate: string;
    paymentTermDays?: number;
    deliveryDate?: string;
    referenceNumber?: string;
    draft?: boolean;
  };
  tenant: Omit<TenantProfile, 'address'> & { name: string; address?: EInvoiceAddress; peppolId?: string };
  company: {
    name?: string;
    taxId?: string;
    registrationNumber?: string;
    address?: EInvoiceAddress;
    peppolId?: string;
  };
  contact: { fullName?: string; email?: string; phone?: string };
  record: { title?: string };
  user: { id?: string; name?: string };
  lineItems: EInvoiceLine[];
  totals: Totals;
  currency: string;
  locale: string;
}

/** Render data is built as plain JSON; this is the one place its shape is asserted. */
export const asEInvoiceData = (data: Record<string, unknown>): EInvoiceData => data as unknown as EInvoiceData;

const ESTONIA = new Set(['eesti', 'estonia', 'eesti vabariik', 'republic of estonia']);

/**
 * The party's country code: `address.countryCode` when given, else EE for an address whose
 * country is written Eesti or Estonia (data from before the code existed); else none.
 */
export function countryCodeOf(address: EInvoiceAddress | undefined): string | undefined {
  const code = address?.countryCode?.trim().toUpperCase();
  if (code) return code;
  const name = address?.country?.trim().toLowerCase();
  return name && ESTONIA.has(name) ? 'EE' : undefined;
}

/** `scheme:id` (EAS code, four digits) as Peppol addresses a party, e.g. `0191:12345678`. */
export const PEPPOL_ID = /^(\d{4}):(\S.*)$/;

/** The Estonian Commercial Register code's scheme in the EAS and ICD lists. */
export const EE_REGISTRY_SCHEME = '0191';

export interface PartyIds {
  registrationNumber?: string;
  peppolId?: string;
  address?: EInvoiceAddress;
}

/**
 * A party's electronic address (Peppol makes both mandatory): its own `peppolId` when it has one
 * (it says where the party receives), else, for an Estonian party, scheme 0191 and its registry
 * code (the Estonian e-invoice register addresses companies by it). Undefined when neither.
 */
export function endpointOf(party: PartyIds): { scheme: string; id: string } | undefined {
  const given = party.peppolId?.trim().match(PEPPOL_ID);
  if (given) return { scheme: given[1], id: given[2].trim() };
  const registration = party.registrationNumber?.trim();
  if (registration && countryCodeOf(party.address) === 'EE') return { scheme: EE_REGISTRY_SCHEME, id: registration };
  return undefined;
}

/** A tax id as companies' are stored (`ee 101 234 567` → `EE101234567`); the profile's is free text. */
export const taxIdOf = (taxId: string | undefined): string | undefined =>
  taxId?.trim() ? normalizeTaxId(taxId) : undefined;

/** A VAT number starts with its country's two letters (EN 16931 BR-CO-09); a plain TIN does not. */
export const isVatNumber = (taxId: string | undefined): boolean =>
  /^[A-Z]{2}[0-9A-Z+*]{2,}$/.test(taxIdOf(taxId) ?? '');
