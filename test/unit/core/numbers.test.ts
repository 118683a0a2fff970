import { describe, expect, it } from 'vitest';
import { decimalShape, MAX_ABS, numberProblem } from '#core/numbers';

describe('number bounds', () => {
  it('counts significant digits and decimals as the number is written', () => {
    expect(decimalShape(123.45)).toEqual({ digits: 5, decimals: 2 });
    expect(decimalShape(1200)).toEqual({ digits: 2, decimals: 0 });
    expect(decimalShape(0.000001)).toEqual({ digits: 1, decimals: 6 });
    expect(decimalShape(1.5e-7)).toEqual({ digits: 2, decimals: 8 });
    expect(decimalShape(-1e21)).toEqual({ digits: 1, decimals: 0 });
    expect(decimalShape(0)).toEqual({ digits: 0, decimals: 0 });
  });

  it('accepts numbers up to 2^53 − 1 with at most 15 significant digits and 15 decimals', () => {
    for (const n of [
      0, -0, 1, -1, 0.1, 999_999_999_999_999, -999_999_999_999_999, 9_007_199_254_740_990, 1e-15, 0.123456789012345,
      3.14,
    ]) {
      expect(numberProblem(n), String(n)).toBeUndefined();
    }
  });

  it('refuses what DynamoDB or a double cannot hold exactly', () => {
    expect(numberProblem(MAX_ABS + 1)).toMatch(/between/);
    expect(numberProblem(1e16)).toMatch(/between/);
    expect(numberProblem(1e125)).toMatch(/between/);
    expect(numberProblem(-1e308)).toMatch(/between/);
    expect(numberProblem(Number.POSITIVE_INFINITY)).toMatch(/finite/);
    expect(numberProblem(Number.NaN)).toMatch(/finite/);
    expect(numberProblem(MAX_ABS)).toMatch(/15 significant digits/);
    expect(numberProblem(0.1 + 0.2)).toMatch(/15 significant digits/);
    expect(numberProblem(5e-324)).toMatch(/15 decimals/);
    expect(numberProblem(1e-129)).toMatch(/15 decimals/);
    expect(numberProblem(1e-16)).toMatch(/15 decimals/);
  });

  it('can hold callers to fewer decimals', () => {
    expect(numberProblem(1.5, 0)).toBe('must be a whole number');
    expect(numberProblem(1.25, 1)).toBe('must have at most 1 decimals');
    expect(numberProblem(1.2, 1)).toBeUndefined();
  });
});
