// Number bounds for every number a client sends and every number we compute from them.
// Why these: JSON numbers arrive as IEEE doubles, which hold integers exactly only up to 2^53 − 1
// and decimals faithfully only up to 15 significant digits; the DynamoDB SDK refuses unsafe
// integers and DynamoDB refuses magnitudes below 1e-130. Within these bounds a number is stored
// exactly and reads back as the same JSON number.

export const MAX_ABS = Number.MAX_SAFE_INTEGER; // 2^53 − 1 = 9007199254740991
export const MAX_SIGNIFICANT_DIGITS = 15;
/** So the smallest non-zero magnitude is 1e-15, far above DynamoDB's 1e-130. */
export const MAX_DECIMALS = 15;

export const NUMBER_RULE = `between −${MAX_ABS} and ${MAX_ABS} (2^53 − 1), at most ${MAX_SIGNIFICANT_DIGITS} significant digits and ${MAX_DECIMALS} decimals`;

/** Significant digits and decimal places of a number as written in its shortest round-trip form. */
export function decimalShape(n: number): { digits: number; decimals: number } {
  const [mantissa, exp = '0'] = Math.abs(n).toString().split('e');
  const [int, frac = ''] = mantissa.split('.');
  const all = (int + frac).replace(/^0+/, '');
  const digits = all.replace(/0+$/, '').length;
  const decimals = Math.max(0, frac.replace(/0+$/, '').length - Number(exp));
  return { digits, decimals };
}

/** Why `n` has too many digits or decimals, or undefined when it has not. */
export function precisionProblem(n: number, maxDecimals = MAX_DECIMALS): string | undefined {
  const { digits, decimals } = decimalShape(n);
  if (digits > MAX_SIGNIFICANT_DIGITS) return `must have at most ${MAX_SIGNIFICANT_DIGITS} significant digits`;
  if (decimals > maxDecimals)
    return maxDecimals === 0 ? 'must be a whole number' : `must have at most ${maxDecimals} decimals`;
  return undefined;
}

/** Why `n` cannot be accepted (or stored, when computed), or undefined when it can. */
export function numberProblem(n: number, maxDecimals = MAX_DECIMALS): string | undefined {
  if (!Number.isFinite(n)) return 'must be a finite number';
  if (Math.abs(n) > MAX_ABS) return `must be between −${MAX_ABS} and ${MAX_ABS}`;
  return precisionProblem(n, maxDecimals);
}
