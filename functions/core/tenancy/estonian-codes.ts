import type { FieldError } from '#core/errors';

// The identifiers an Estonian invoice carries, checked where they are entered (tenant profile,
// companies, contacts) so that documents and e-invoices never print one a bank, the tax board or
// the e-invoice operator would refuse. Tenancy is core's lowest level: records imports them too.

/** Why `code` is not an Estonian registry code (registrikood, Äriregister): 8 digits. */
export const registryCodeProblem = (code: string): string | undefined =>
  /^\d{8}$/.test(code) ? undefined : 'must be an Estonian registry code: 8 digits';

/**
 * Why `vat` is not an Estonian VAT number (KMKR: `EE` and 9 digits). Only numbers that start with
 * `EE` are Estonian; others (`DE123456789`, `HRB 12345`) are left as they are. Give it compact and
 * upper case.
 */
export function vatNumberProblem(vat: string): string | undefined {
  if (!vat.startsWith('EE') || /^EE\d{9}$/.test(vat)) return undefined;
  return 'must be an Estonian VAT number: EE and 9 digits';
}

const WEIGHTS = [
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 1],
  [3, 4, 5, 6, 7, 8, 9, 1, 2, 3],
];

/** The isikukood check digit of its first 10 digits: mod 11 with one weight set, else the other, else 0. */
export function personalCodeCheckDigit(first10: string): number {
  for (const weights of WEIGHTS) {
    const remainder = weights.reduce((sum, w, i) => sum + w * Number(first10[i]), 0) % 11;
    if (remainder < 10) return remainder;
  }
  return 0;
}

/**
 * Why `code` is not an Estonian personal identification code (isikukood, EVS 585): 11 digits; the
 * first is century and sex (1–2 the 1800s, 3–4 the 1900s, 5–6 the 2000s), then the birth date
 * YYMMDD, a serial number, and the mod-11 check digit.
 */
export function personalCodeProblem(code: string): string | undefined {
  if (!/^\d{11}$/.test(code)) return 'must be an Estonian personal code: 11 digits';
  const first = Number(code[0]);
  if (first < 1 || first > 6) return 'must start with 1 to 6 (century and sex)';
  const year = 1800 + 100 * Math.floor((first - 1) / 2) + Number(code.slice(1, 3));
  const [month, day] = [Number(code.slice(3, 5)), Number(code.slice(5, 7))];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return `must hold a birth date: ${year}-${code.slice(3, 5)}-${code.slice(5, 7)} is none`;
  const check = personalCodeCheckDigit(code);
  if (check !== Number(code[10])) return `has a wrong check digit: ${code.slice(0, 10)} ends in ${check}`;
  return undefined;
}

/** Peppol's ISO 6523 scheme of an Estonian registry code, and of an Estonian VAT number. */
export const PEPPOL_SCHEME_EE_REGISTRY = '0191';
export const PEPPOL_SCHEME_EE_VAT = '9931';

/**
 * Why `id` is not a Peppol participant id as `scheme:id`: a 4-digit ISO 6523 scheme (ICD) and at
 * most 50 visible ASCII characters, like `0191:12345678`. Estonia's two schemes are checked further.
 */
export function peppolIdProblem(id: string): string | undefined {
  const match = /^(\d{4}):([\x21-\x7E]{1,50})$/.exec(id);
  if (!match) return 'must be scheme:id, a 4-digit scheme and the identifier, like 0191:12345678';
  const [, scheme, value] = match;
  if (scheme === PEPPOL_SCHEME_EE_REGISTRY && registryCodeProblem(value))
    return 'must be an Estonian registry code after 0191: 8 digits';
  if (scheme === PEPPOL_SCHEME_EE_VAT && !/^EE\d{9}$/.test(value))
    return 'must be an Estonian VAT number after 9931: EE and 9 digits';
  return undefined;
}

/** The fields of a party (the tenant's profile, a company) whose rules depend on each other. */
export interface PartyCodes {
  registrationNumber?: unknown;
  address?: { countryCode?: unknown } | null;
}

/**
 * A registration number is an Estonian registry code when the party's country (`after`, the party
 * as it would be saved) is `EE`. Checked only when the request (`sent`) gives the number or the
 * country, as every other check is of a value sent: a stored value is never what refuses an edit of
 * something else. The error names the number when it was sent, else the country that made it Estonian.
 */
export function registryCodeErrors(after: PartyCodes | undefined, sent: PartyCodes | null | undefined): FieldError[] {
  const number = after?.registrationNumber;
  if (after?.address?.countryCode !== 'EE' || typeof number !== 'string') return [];
  const numberSent = sent?.registrationNumber !== undefined;
  if (!numberSent && sent?.address?.countryCode === undefined) return [];
  const problem = registryCodeProblem(number);
  if (!problem) return [];
  return numberSent
    ? [{ path: 'registrationNumber', message: `${problem} (address.countryCode is EE)` }]
    : [{ path: 'address.countryCode', message: `EE needs registrationNumber to be 8 digits; it is "${number}"` }];
}

/** A party's electronic address as an e-invoice states it (Peppol EndpointID, BT-34 / BT-49). */
export interface PeppolEndpoint {
  scheme: string;
  id: string;
}

/**
 * Where a party receives e-invoices: its own `peppolId` when it has one (it said so), else for an
 * Estonian party (`address.countryCode` EE with an 8-digit registry code) `0191:<registry code>`,
 * the Estonian operators' default. Undefined when neither: the e-invoice pre-check lists it missing.
 */
export function peppolEndpoint(party: {
  peppolId?: unknown;
  registrationNumber?: unknown;
  address?: { countryCode?: unknown } | null;
}): PeppolEndpoint | undefined {
  if (typeof party.peppolId === 'string' && !peppolIdProblem(party.peppolId)) {
    const at = party.peppolId.indexOf(':');
    return { scheme: party.peppolId.slice(0, at), id: party.peppolId.slice(at + 1) };
  }
  const number = party.registrationNumber;
  if (party.address?.countryCode === 'EE' && typeof number === 'string' && !registryCodeProblem(number))
    return { scheme: PEPPOL_SCHEME_EE_REGISTRY, id: number };
  return undefined;
}
