// IBAN lengths (ISO 13616 registry) of the EEA, Switzerland and the United Kingdom: a length wrong for
// its country is refused before the check digits are even looked at. Other countries keep the
// general shape (15 to 34 characters) and the check digits.
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  'AT20 BE16 BG22 CH21 CY28 CZ24 DE22 DK18 EE20 ES24 FI18 FR27 GB22 GR27 HR21 HU28 IE22 IS26 IT27 LI21 LT20 LU20 LV21 MT31 NL18 NO15 PL28 PT25 RO24 SE24 SI19 SK24'
    .split(' ')
    .map((c) => [c.slice(0, 2), Number(c.slice(2))]),
);

/** Why `value` (compact) is not an IBAN, or undefined when it is one. */
export function ibanProblem(value: string): string | undefined {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(value)) return 'must be an IBAN (country, check digits, account)';
  const length = IBAN_LENGTHS[value.slice(0, 2)];
  if (length !== undefined && value.length !== length)
    return `must be ${length} characters for ${value.slice(0, 2)}, not ${value.length}`;
  // ISO 7064 mod 97-10: the account, then the country and check digits, letters as 10..35, leaves 1.
  const rearranged = value.slice(4) + value.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? undefined : 'must be an IBAN whose check digits hold (a character is mistyped)';
}

/** IBAN: country, two check digits, up to 30 letters or digits; the check digits make the ISO 7064 mod-97 remainder 1. */
export const isIban = (value: string): boolean => ibanProblem(value) === undefined;

/** BIC (ISO 9362): bank, country, location, optional branch. */
export const isBic = (value: string): boolean => /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value);

/** People type IBANs and BICs in groups and lower case; they are stored in the compact form. */
export const compactBankCode = (value: string): string => value.replace(/\s+/g, '').toUpperCase();
