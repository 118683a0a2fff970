import type { LineItem, TaxCategory, Totals } from '#core/records/money';
import { normalizeTaxId } from '#core/records/normalize';
import { peppolEndpoint, type PeppolEndpoint } from '#core/tenancy/estonian-codes';
import type { TenantProfile } from '#core/tenancy/profile';

// What the e-invoice reads of a document's render data: the object `renderData()` + `withNumber()`
// (core/templates/render-data.ts) build for the PDF. The XML is made from that same object, so the
// two cannot disagree. Typed here rather than imported: einvoice sits below templates in
// CORE_LEVELS, and it reads only these members.

/** A party's address as the profile and companies keep it; the XML uses only `countryCode`. */
export type EInvoiceAddress = NonNullable<TenantProfile['address']>;

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
  tenant: TenantProfile & { name: string };
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

export interface PartyIds {
  registrationNumber?: string;
  peppolId?: string;
  address?: EInvoiceAddress;
}

/**
 * A party's electronic address (Peppol makes both mandatory): the rule where the party's data is
 * kept (`peppolEndpoint`, core/tenancy), with the country read as the XML reads it (countryCodeOf).
 */
export const endpointOf = (party: PartyIds): PeppolEndpoint | undefined =>
  peppolEndpoint({ ...party, address: { countryCode: countryCodeOf(party.address) } });

/** A tax id as companies' are stored (`ee 101 234 567` → `EE101234567`); the profile's is free text. */
export const taxIdOf = (taxId: string | undefined): string | undefined =>
  taxId?.trim() ? normalizeTaxId(taxId) : undefined;

/** A VAT number starts with its country's two letters (EN 16931 BR-CO-09); a plain TIN does not. */
export const isVatNumber = (taxId: string | undefined): boolean =>
  /^[A-Z]{2}[0-9A-Z+*]{2,}$/.test(taxIdOf(taxId) ?? '');
