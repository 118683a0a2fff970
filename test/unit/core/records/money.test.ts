import { describe, expect, it } from 'vitest';
import { totals } from '#core/records/money';

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

  it('is zero for no lines', () => {
    expect(totals([])).toEqual({ net: 0, tax: 0, gross: 0 });
  });
});
