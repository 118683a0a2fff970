import { decimalShape, MAX_ABS, numberProblem } from '#core/numbers';
import { minorUnits } from '#core/records/currencies';

/**
 * UNCL 5305 tax categories as EN 16931 (and PEPPOL) use them: S standard rate, Z zero rated,
 * E exempt, AE reverse charge, K intra-community supply, G export outside the EU, O outside the
 * scope of VAT. Reverse charge is `taxCategory: 'AE'` with `taxRate: 0`.
 */
export const TAX_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export interface LineItem {
  name: string;
  quantity: number;
  unit?: string;
  /** Negative on a credit line. */
  unitPrice: number;
  discount: number;
  taxRate: number;
  /** Absent on lines stored before categories: S when the rate is above 0, else Z. */
  taxCategory?: TaxCategory;
  /** Why the line is exempt or reverse charged, printed beside it (EN 16931 BT-120). */
  taxExemptionReason?: string;
}

/** One VAT rate's share of the totals: its lines' net, and the VAT on that net, rounded once. */
export interface TaxSubtotal {
  category: TaxCategory;
  rate: number;
  net: number;
  tax: number;
}

export interface Totals {
  net: number;
  tax: number;
  gross: number;
  /** Per category and rate, highest rate first; `tax` is their sum. */
  taxes: TaxSubtotal[];
}

export const taxCategoryOf = (item: Pick<LineItem, 'taxCategory' | 'taxRate'>): TaxCategory =>
  item.taxCategory ?? (item.taxRate > 0 ? 'S' : 'Z');

// Exact arithmetic: every input has at most 15 significant digits (core/numbers), so each is an
// integer over a power of ten, and products of them are exact in BigInt. Doubles are not: 0.07 × 22
// is 1.5400000000000003, and rounding such a product can land on the wrong side of a half.
type Fraction = { n: bigint; d: bigint };

function fraction(value: number): Fraction {
  const [mantissa, exp = '0'] = value.toString().split('e');
  const [int, frac = ''] = mantissa.split('.');
  const scale = frac.length - Number(exp);
  const n = BigInt(int + frac);
  return scale >= 0 ? { n, d: 10n ** BigInt(scale) } : { n: n * 10n ** BigInt(-scale), d: 1n };
}

const times = (...fs: Fraction[]): Fraction => fs.reduce((a, b) => ({ n: a.n * b.n, d: a.d * b.d }));

/** Half away from zero, so a credit line rounds as the invoice line it mirrors. */
function round({ n, d }: Fraction): number {
  const negative = n < 0n !== d < 0n;
  const [an, ad] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const q = (2n * an + ad) / (2n * ad);
  return Number(negative ? -q : q);
}

const whole = (minor: number): Fraction => ({ n: BigInt(minor), d: 1n });
const HUNDREDTH: Fraction = { n: 1n, d: 100n };

/**
 * A line's net in minor units: round(q·p) − round(q·p·d/100), each product exact and rounded
 * once, so the e-invoice's line allowance (q·p·d/100) adds up to the net exactly (PEPPOL-EN16931-R120).
 */
export function lineNetMinor(item: LineItem, minor = 2): number {
  const price = times(fraction(item.quantity), fraction(item.unitPrice), { n: 10n ** BigInt(minor), d: 1n });
  const allowance = item.discount ? round(times(price, fraction(item.discount), HUNDREDTH)) : 0;
  return round(price) - allowance;
}

/** The VAT on a net (minor units) at a percent rate, rounded once. */
export const taxMinor = (netMinor: number, rate: number): number =>
  round(times(whole(netMinor), fraction(rate), HUNDREDTH));

/**
 * The one rule for a deal's and a document's totals: line nets summed per tax category and rate,
 * each rate's VAT computed on that rate's net and rounded once in the currency's minor unit
 * (10 lines of 0.07 at 22 % are 0.15 VAT, not 10 × 0.02), and the total VAT their sum.
 */
export function computeTotals(lines: LineItem[], currency: string): Totals {
  const minor = minorUnits(currency);
  const major = (value: number) => value / 10 ** minor;
  const groups = new Map<string, { category: TaxCategory; rate: number; net: number }>();
  for (const line of lines) {
    const category = taxCategoryOf(line);
    const key = `${category} ${line.taxRate}`;
    const group = groups.get(key) ?? { category, rate: line.taxRate, net: 0 };
    group.net += lineNetMinor(line, minor);
    groups.set(key, group);
  }
  const order = (c: TaxCategory) => TAX_CATEGORIES.indexOf(c);
  const taxes = [...groups.values()]
    .sort((a, b) => b.rate - a.rate || order(a.category) - order(b.category))
    .map((g) => ({ ...g, tax: taxMinor(g.net, g.rate) }));
  const net = taxes.reduce((sum, t) => sum + t.net, 0);
  const tax = taxes.reduce((sum, t) => sum + t.tax, 0);
  return {
    net: major(net),
    tax: major(tax),
    gross: major(net + tax),
    taxes: taxes.map((t) => ({ category: t.category, rate: t.rate, net: major(t.net), tax: major(t.tax) })),
  };
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
  const limit = MAX_ABS / 10 ** minor;
  if (Math.abs(amount) > limit) return `must be between −${limit} and ${limit} in ${currency}`;
  return undefined;
}
