/** The tenant's details printed on documents (`tenant.*` in templates). */
export interface TenantProfile {
  legalName?: string;
  /** `country` is the name printed; `countryCode` (ISO 3166-1 alpha-2) is what an e-invoice states. */
  address?: {
    street?: string;
    city?: string;
    postalCode?: string;
    region?: string;
    country?: string;
    countryCode?: string;
  };
  /** The VAT number; an Estonian one (`EE…`) is stored compact. */
  taxId?: string;
  /** An Estonian registry code (8 digits) when `address.countryCode` is `EE`. */
  registrationNumber?: string;
  /** Peppol participant id, `scheme:id`; an Estonian party without one is reached at `0191:<registry code>`. */
  peppolId?: string;
  /** The tenant's invoices get an EN 16931 e-invoice beside the PDF (issue 22); absent means false. */
  eInvoicing?: boolean;
  email?: string;
  phone?: string;
  website?: string;
  bank?: { name?: string; iban?: string; bic?: string };
  /** A data: URI (PNG or JPEG): rendering has no network, so the logo travels inline. */
  logo?: string;
  /** `#rrggbb`: the accent of the pages approvers and clients open (buttons, the header's rule). */
  accentColor?: string;
  /** The language the tenant's built-in emails and documents default to. */
  locale?: ProfileLocale;
  /** IANA; dates and times on documents and in emails are the tenant's local ones. */
  timeZone?: string;
  /** Days from a document's issue date to its due date, unless the request or the deal says otherwise. */
  paymentTermDays?: number;
}

export const PROFILE_LOCALES = ['et', 'en'] as const;
export type ProfileLocale = (typeof PROFILE_LOCALES)[number];

/** What an absent member of the profile means. */
export const PROFILE_DEFAULTS = { locale: 'en', timeZone: 'Europe/Tallinn', paymentTermDays: 14 } as const;

/** Whether `zone` is an IANA time zone this runtime knows (`Europe/Tallinn`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone a tenant's dates and times are shown in: its profile's, else the product's default. One
 * rule for documents, emails, deadlines and pages; a zone this runtime does not know (saved under
 * another runtime's time zone data) falls back rather than failing a render.
 */
export function tenantTimeZone(profile: { timeZone?: string } | undefined): string {
  const zone = profile?.timeZone;
  return zone && isTimeZone(zone) ? zone : PROFILE_DEFAULTS.timeZone;
}

/** Used when documents are sent by email. */
export interface MailSettings {
  fromName?: string;
  replyTo?: string;
  signature?: string;
}

/** The zone as IANA spells it (`europe/tallinn` → `Europe/Tallinn`). */
export const canonicalTimeZone = (zone: string): string =>
  new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
