import { describe, expect, it } from 'vitest';
import { minorUnits } from '#core/records/currencies';
import { computeTotals, lineNetMinor, moneyProblem, type LineItem } from '#core/records/money';

const line = (unitPrice: number, taxRate = 0, extra: Partial<LineItem> = {}): LineItem => ({
  name: 'x',
  quantity: 1,
  unitPrice,
  discount: 0,
  taxRate,
  ...extra,
});

describe('deal totals', () => {
  it('sums lines in cents so 0.1 + 0.2 stays 0.30', () => {
    expect(computeTotals([line(0.1), line(0.2)], 'EUR')).toEqual({
      net: 0.3,
      tax: 0,
      gross: 0.3,
      taxes: [{ category: 'Z', rate: 0, net: 0.3, tax: 0 }],
    });
  });

  it('computes VAT once per rate on the rate net: 10 lines of 0.07 at 22 % are 0.15, not 0.20', () => {
    const t = computeTotals(
      Array.from({ length: 10 }, () => line(0.07, 22)),
      'EUR',
    );
    expect(t).toEqual({ net: 0.7, tax: 0.15, gross: 0.85, taxes: [{ category: 'S', rate: 22, net: 0.7, tax: 0.15 }] });
  });

  it('breaks mixed 22 %, 9 % and 0 % lines down by rate, highest first, and sums their VAT', () => {
    const t = computeTotals(
      [line(10.05, 9), line(100, 22), line(3.33, 22, { quantity: 3 }), line(50), line(0.05, 9)],
      'EUR',
    );
    expect(t.taxes).toEqual([
      { category: 'S', rate: 22, net: 109.99, tax: 24.2 },
      { category: 'S', rate: 9, net: 10.1, tax: 0.91 },
      { category: 'Z', rate: 0, net: 50, tax: 0 },
    ]);
    expect(t).toMatchObject({ net: 170.09, tax: 25.11, gross: 195.2 });
  });

  it('keeps reverse-charge lines apart from zero-rated ones, with no VAT', () => {
    const t = computeTotals(
      [line(1000, 0, { taxCategory: 'AE', taxExemptionReason: 'Reverse charge' }), line(20), line(100, 22)],
      'EUR',
    );
    expect(t.taxes).toEqual([
      { category: 'S', rate: 22, net: 100, tax: 22 },
      { category: 'Z', rate: 0, net: 20, tax: 0 },
      { category: 'AE', rate: 0, net: 1000, tax: 0 },
    ]);
    expect(t).toMatchObject({ net: 1120, tax: 22, gross: 1142 });
  });

  it('totals credit lines exactly, rounding half away from zero so a credit mirrors its invoice', () => {
    expect(computeTotals([line(0.5, 9)], 'EUR').taxes[0].tax).toBe(0.05); // 0.045 → 0.05
    expect(computeTotals([line(-0.5, 9)], 'EUR').taxes[0].tax).toBe(-0.05); // −0.045 → −0.05
    const t = computeTotals([line(100, 22), line(-30, 22), line(-0.07, 22, { quantity: 10 })], 'EUR');
    expect(t).toEqual({
      net: 69.3,
      tax: 15.25,
      gross: 84.55,
      taxes: [{ category: 'S', rate: 22, net: 69.3, tax: 15.25 }],
    });
    expect(computeTotals([line(-100, 22)], 'EUR')).toMatchObject({ net: -100, tax: -22, gross: -122 });
  });

  it('takes the discount off each line as round(q·p) − round(q·p·d/100), in exact arithmetic', () => {
    // 3 × 99.99 = 299.97; 10 % of it is 29.997 → 30.00; the net is 269.97.
    expect(lineNetMinor(line(99.99, 20, { quantity: 3, discount: 10 }))).toBe(26997);
    // 0.07 × 22 is 1.5400000000000003 in doubles; exactly it is 1.54.
    expect(lineNetMinor(line(0.07, 0, { quantity: 22 }))).toBe(154);
    // 1.005 × 1 at 50 %: 100.5 cents before rounding; doubles would say 100.49999999999999.
    expect(lineNetMinor(line(2.01, 0, { quantity: 0.5 }))).toBe(101);
    expect(computeTotals([line(100, 19, { quantity: 3, discount: 10 })], 'EUR')).toMatchObject({
      net: 270,
      tax: 51.3,
      gross: 321.3,
    });
  });

  it("rounds in the currency's minor unit: JPY 0, KWD 3, CLF 4 decimals", () => {
    expect(computeTotals([line(999, 10.5), line(1, 10.5)], 'JPY')).toEqual({
      net: 1000,
      tax: 105,
      gross: 1105,
      taxes: [{ category: 'S', rate: 10.5, net: 1000, tax: 105 }],
    });
    // Per line JPY would give 105 + 0.
    expect(
      computeTotals(
        Array.from({ length: 3 }, () => line(7, 22)),
        'JPY',
      ),
    ).toMatchObject({ net: 21, tax: 5 });
    expect(computeTotals([line(1.001, 5, { quantity: 3 })], 'KWD')).toMatchObject({
      net: 3.003,
      tax: 0.15,
      gross: 3.153,
    });
    expect(computeTotals([line(1.0001, 19, { quantity: 7 })], 'CLF')).toMatchObject({
      net: 7.0007,
      tax: 1.3301,
      gross: 8.3308,
    });
  });

  it('is zero for no lines', () => {
    expect(computeTotals([], 'EUR')).toEqual({ net: 0, tax: 0, gross: 0, taxes: [] });
  });
});

describe('money amounts', () => {
  it('knows the ISO 4217 minor units, 2 unless the table says otherwise', () => {
    expect([
      minorUnits('EUR'),
      minorUnits('USD'),
      minorUnits('JPY'),
      minorUnits('KRW'),
      minorUnits('KWD'),
      minorUnits('BHD'),
      minorUnits('CLF'),
    ]).toEqual([2, 2, 0, 0, 3, 3, 4]);
  });

  it('allows at most the currency decimals', () => {
    expect(moneyProblem(10.25, 'EUR')).toBeUndefined();
    expect(moneyProblem(10.255, 'EUR')).toBe('must have at most 2 decimals in EUR');
    expect(moneyProblem(1e-129, 'EUR')).toMatch(/decimals/);
    expect(moneyProblem(5e-324, 'USD')).toMatch(/decimals/);
    expect(moneyProblem(1500, 'JPY')).toBeUndefined();
    expect(moneyProblem(1500.5, 'JPY')).toBe('must be a whole number in JPY');
    expect(moneyProblem(1.234, 'KWD')).toBeUndefined();
    expect(moneyProblem(1.2345, 'KWD')).toBe('must have at most 3 decimals in KWD');
  });

  it('keeps the amount in minor units a safe integer', () => {
    expect(moneyProblem(90_071_992_547_409, 'EUR')).toBeUndefined();
    expect(moneyProblem(90_071_992_547_500, 'EUR')).toMatch(/between/);
    expect(moneyProblem(900_719_925_474_099, 'JPY')).toBeUndefined();
  });
});
