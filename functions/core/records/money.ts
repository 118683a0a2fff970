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

// Money is summed in integer cents so 0.1 + 0.2 stays 0.30.
const cents = (value: number): number => Math.round(value * 100);
const fromCents = (value: number): number => value / 100;

export function lineNetCents(item: LineItem): number {
  return Math.round(item.quantity * cents(item.unitPrice) * (1 - item.discount / 100));
}

export function totals(items: LineItem[]): Totals {
  let net = 0;
  let tax = 0;
  for (const item of items) {
    const lineNet = lineNetCents(item);
    net += lineNet;
    tax += Math.round((lineNet * item.taxRate) / 100);
  }
  return { net: fromCents(net), tax: fromCents(tax), gross: fromCents(net + tax) };
}

export const hasAtMostTwoDecimals = (value: number): boolean => Math.abs(cents(value) - value * 100) < 1e-6;
