import { describe, expect, it } from 'vitest';
import { backoffMs, retryConflicts, type ConflictRetryPolicy } from '#core/conflict-retry';
import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';

function policy(random = 0.5, attempts = 5) {
  const waits: number[] = [];
  const p: ConflictRetryPolicy = {
    attempts,
    baseMs: 10,
    capMs: 250,
    random: () => random,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  return { p, waits };
}

/** An attempt that fails with the given errors in turn, then answers 'done'. */
function failing(...errors: Error[]) {
  let calls = 0;
  const attempt = async () => {
    calls += 1;
    const e = errors.shift();
    if (e) throw e;
    return 'done';
  };
  return { attempt, calls: () => calls };
}

const version = () => new WriteConflict('version', 'changed');
const transaction = () => new WriteConflict('transaction', 'busy');

describe('conflict retry policy', () => {
  it('waits a random share of an exponentially growing window, capped', () => {
    const top = policy(0.999_999).p;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => Math.round(backoffMs(top, n)))).toEqual([10, 20, 40, 80, 160, 250, 250]);
    expect(backoffMs(policy(0).p, 7)).toBe(0);
  });

  it('re-runs the attempt after version conflicts when the client sent no If-Match', async () => {
    const { p, waits } = policy();
    const run = failing(version(), version());
    await expect(retryConflicts(p, true, 'company', run.attempt)).resolves.toBe('done');
    expect(run.calls()).toBe(3);
    expect(waits).toEqual([5, 10]);
  });

  it('lets a version conflict through at once when the client sent If-Match', async () => {
    const { p, waits } = policy();
    const run = failing(version());
    await expect(retryConflicts(p, false, 'company', run.attempt)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(run.calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('retries a transaction conflict even with If-Match: nothing the client saw was stale', async () => {
    const { p } = policy();
    const run = failing(transaction(), transaction());
    await expect(retryConflicts(p, false, 'company', run.attempt)).resolves.toBe('done');
    expect(run.calls()).toBe(3);
  });

  it('answers 503 with Retry-After, not 412, once the attempts run out', async () => {
    const { p, waits } = policy(0.5, 4);
    const run = failing(version(), transaction(), version(), version(), version());
    const error = await retryConflicts(p, true, 'company', run.attempt).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).not.toBeInstanceOf(WriteConflict);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', headers: { 'retry-after': '1' } });
    expect(run.calls()).toBe(4);
    expect(waits).toHaveLength(3);
  });

  it('does not retry other errors', async () => {
    const { p } = policy();
    const run = failing(new DomainError('NOT_FOUND', 'gone'));
    await expect(retryConflicts(p, true, 'company', run.attempt)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(run.calls()).toBe(1);
  });
});
