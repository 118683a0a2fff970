// The Estonian reference number (viitenumber): digits and a 7-3-1 check digit, which banks verify
// before they accept a payment. Documents derive it from their number unless the request gives one.

/** The 7-3-1 check digit of `base` (digits only): weights 7, 3, 1 from the right, to the next ten. */
export function checkDigit731(base: string): number {
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * [7, 3, 1][i % 3];
  return (10 - (sum % 10)) % 10;
}

/** At most 20 digits in all, the last of them the check digit (Estonian banks' limit). */
export const MAX_REFERENCE_BASE = 19;

/** Why `reference` is not a reference number, or undefined when it is one. */
export function referenceProblem(reference: string): string | undefined {
  if (!/^\d{2,20}$/.test(reference)) return 'must be 2 to 20 digits';
  const base = reference.slice(0, -1);
  if (checkDigit731(base) !== Number(reference.slice(-1)))
    return `has a wrong check digit: ${base} ends in ${checkDigit731(base)} by the 7-3-1 rule`;
  return undefined;
}

/**
 * The reference number of a document number: its digits (others dropped; the last 19 when longer)
 * and their check digit. `2026-0042` → 202600428. None when the number has no digit.
 */
export function referenceOf(documentNumber: string): string | undefined {
  const base = documentNumber.replace(/\D/g, '').slice(-MAX_REFERENCE_BASE);
  return base ? `${base}${checkDigit731(base)}` : undefined;
}

/**
 * ISO 11649 creditor reference (`RF` + two check digits + the reference): how a domestic reference
 * travels in a SEPA payment, the EPC QR's structured remittance included.
 */
export function creditorReference(reference: string): string {
  const digits = [...`${reference}RF00`.toUpperCase()]
    .map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c))
    .join('');
  const check = 98n - (BigInt(digits) % 97n);
  return `RF${check.toString().padStart(2, '0')}${reference}`;
}
