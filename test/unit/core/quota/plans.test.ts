import { describe, expect, it } from 'vitest';
import { limitFor, MIB } from '#core/quota/plans';

describe('plan catalogue', () => {
  it('counts MB as binary mebibytes', () => {
    expect(MIB).toBe(1_048_576);
  });

  it('gives a free tenant 200 MB whatever its seats', () => {
    expect(limitFor('free', 1)).toBe(200 * MIB);
    expect(limitFor('free', 40)).toBe(209_715_200);
  });

  it('gives standard 500 MB per seat', () => {
    expect(limitFor('standard', 1)).toBe(500 * MIB);
    expect(limitFor('standard', 3)).toBe(1500 * MIB);
    expect(limitFor('standard', 0)).toBe(0);
  });

  it('leaves extended unlimited', () => {
    expect(limitFor('extended', 1)).toBeNull();
    expect(limitFor('extended', 999)).toBeNull();
  });
});
