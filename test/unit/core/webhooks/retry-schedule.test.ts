import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelay } from '#core/webhooks/retry-schedule';

const MINUTE = 60_000;

describe('the retry schedule', () => {
  it('waits 1, 2, 10, 60, 360 minutes and then 24 h, then gives up', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, middle))).toEqual(
      [1, 2, 10, 60, 360, 1440].map((m) => m * MINUTE),
    );
    expect(retryDelay(7, middle)).toBeUndefined();
    expect(MAX_ATTEMPTS).toBe(7);
  });

  it('spreads each wait by at most 10 % either way', () => {
    expect(retryDelay(4, () => 0)).toBe(54 * MINUTE);
    expect(retryDelay(4, () => 0.999999)).toBeCloseTo(66 * MINUTE, -2);
  });
});
