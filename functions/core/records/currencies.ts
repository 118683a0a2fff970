// ISO 4217 minor units (decimals) of the currencies that do not use 2. Any other code has 2.
// Funds and metals with no minor unit (XAU, XDR, ...) are treated as 2 decimals too.
const MINOR_UNITS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** The most decimals any currency has: a money amount with more is wrong whatever its currency. */
export const MAX_MINOR_UNITS = 4;

export const minorUnits = (currency: string): number => MINOR_UNITS[currency] ?? 2;
