import { decimalShape, MAX_ABS, numberProblem } from '#core/numbers';
import { minorUnits } from '#core/records/currencies';

export interface LineItem {
  name: string;
  quantity: number;
  unit?: string;
  unitPrice: number;
  discount: number;
  taxRate: number;
}

export interface Totals {
  net: number;
  tax: number;
  gross: number;
}

// Money is summed in integer minor units (cents for EUR) so 0.1 + 0.2 stays 0.30.
const toMinor = (value: number, minorUnits: number): number => Math.round(value * 10 ** minorUnits);
const fromMinor = (value: number, minorUnits: number): number => value / 10 ** minorUnits;

export function lineNetMinor(item: LineItem, minorUnits = 2): number {
  return Math.round(item.quantity * toMinor(item.unitPrice, minorUnits) * (1 - item.discount / 100));
}

export function totals(items: LineItem[], minorUnits = 2): Totals {
  let net = 0;
  let tax = 0;
  for (const item of items) {
    const lineNet = lineNetMinor(item, minorUnits);
    net += lineNet;
    tax += Math.round((lineNet * item.taxRate) / 100);
  }
  return { net: fromMinor(net, minorUnits), tax: fromMinor(tax, minorUnits), gross: fromMinor(net + tax, minorUnits) };
}

/**
 * Why `amount` is not a valid amount of `currency`, or undefined: besides the general number
 * bounds it has at most the currency's ISO 4217 decimals, and in minor units it is a safe integer,
 * so sums in minor units stay exact.
 */
export function moneyProblem(amount: number, currency: string): string | undefined {
  const general = numberProblem(amount);
  if (general) return general;
  const minor = minorUnits(currency);
  if (decimalShape(amount).decimals > minor)
    return minor === 0 ? `must be a whole number in ${currency}` : `must have at most ${minor} decimals in ${currency}`;
  const limit = fromMinor(MAX_ABS, minor);
  if (Math.abs(amount) > limit) return `must be between −${limit} and ${limit} in ${currency}`;
  return undefined;
}
