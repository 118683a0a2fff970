import { compactTaxId } from '#core/tenancy/party-fields';

/** Emails compare case-insensitively; store them the way they compare. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const E164 = /^\+[1-9]\d{6,14}$/;

/** "+44 20 7946-0958" → "+442079460958"; undefined when it cannot be E.164 (no country code). */
export function normalizePhone(phone: string): string | undefined {
  const compact = phone.trim().replace(/[\s().\-/]/g, '');
  return E164.test(compact) ? compact : undefined;
}

/** The tenant profile's VAT number is compacted by the same rule (core/tenancy/party-fields.ts). */
export const normalizeTaxId = compactTaxId;

/**
 * The lower-case phrase and each later word, for prefix search. The first word needs no token of
 * its own: every prefix of it is a prefix of the phrase. Each token is an item in the write.
 */
export function nameTokens(...parts: Array<string | null | undefined>): string[] {
  const phrase = parts.filter(Boolean).join(' ').trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 100);
  if (!phrase) return [];
  return [...new Set([phrase, ...phrase.split(' ').slice(1)])];
}
