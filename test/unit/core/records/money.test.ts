import { describe, expect, it } from 'vitest';
import { minorUnits } from '#core/records/currencies';
import { moneyProblem, totals } from '#core/records/money';

describe('deal totals', () => {
  it('sums lines in cents so 0.1 + 0.2 stays 0.30', () => {
    const t = totals([
      { name: 'a', quantity: 1, unitPrice: 0.1, discount: 0, taxRate: 0 },
      { name: 'b', quantity: 1, unitPrice: 0.2, discount: 0, taxRate: 0 },
    ]);
    expect(t).toEqual({ net: 0.3, tax: 0, gross: 0.3 });
  });

  it('applies the discount before tax, per line', () => {
    const t = totals([{ name: 'a', quantity: 3, unitPrice: 100, discount: 10, taxRate: 19 }]);
    expect(t).toEqual({ net: 270, tax: 51.3, gross: 321.3 });
  });

  it('rounds to the minor unit of the currency', () => {
    expect(totals([{ name: 'a', quantity: 1, unitPrice: 999, discount: 0, taxRate: 10.5 }], 0)).toEqual({
      net: 999,
      tax: 105,
      gross: 1104,
    });
    expect(totals([{ name: 'a', quantity: 1, unitPrice: 1.001, discount: 0, taxRate: 5 }], 3)).toEqual({
      net: 1.001,
      tax: 0.05,
      gross: 1.051,
    });
  });

  it('is zero for no lines', () => {
    expect(totals([])).toEqual({ net: 0, tax: 0, gross: 0 });
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
