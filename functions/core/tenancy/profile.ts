/** The tenant's details printed on documents (`tenant.*` in templates). */
export interface TenantProfile {
  legalName?: string;
  address?: { street?: string; city?: string; postalCode?: string; region?: string; country?: string };
  taxId?: string;
  registrationNumber?: string;
  email?: string;
  phone?: string;
  website?: string;
  bank?: { name?: string; iban?: string; bic?: string };
  /** A data: URI (PNG or JPEG): rendering has no network, so the logo travels inline. */
  logo?: string;
}

/** Used when documents are sent by email. */
export interface MailSettings {
  fromName?: string;
  replyTo?: string;
  signature?: string;
}
