/** IBAN: country, two check digits, up to 30 letters or digits; the check digits make the ISO 7064 mod-97 remainder 1. */
export function isIban(value: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(value)) return false;
  const rearranged = value.slice(4) + value.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** BIC (ISO 9362): bank, country, location, optional branch. */
export const isBic = (value: string): boolean => /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value);

/** People type IBANs and BICs in groups and lower case; they are stored in the compact form. */
export const compactBankCode = (value: string): string => value.replace(/\s+/g, '').toUpperCase();
