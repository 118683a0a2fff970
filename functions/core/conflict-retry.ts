import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';

/** How a read-modify-write is retried after losing a race; injectable so tests need not sleep. */
export interface ConflictRetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff before retry n is uniform in [0, min(capMs, baseMs * 2^(n-1))): "full jitter". */
  baseMs: number;
  capMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

// 30 writers of one record commit one at a time, so the last waits for 29 others; full jitter
// spreads them so most lose only a few races (about 4 each at 30-way, test/bench/contention).
// The longest a request can wait in all, 14 waits of at most 25 ms doubling up to 500 ms (5.3 s,
// 2.6 s expected), stays well inside the 29 s the API Lambda may run.
export const DEFAULT_CONFLICT_RETRY: ConflictRetryPolicy = {
  attempts: 15,
  baseMs: 25,
  capMs: 500,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export const backoffMs = (policy: ConflictRetryPolicy, retry: number): number =>
  policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1));

/**
 * Runs `attempt` (which must re-read what it changes) until it does not lose a race. Transaction
 * conflicts are always retried: nothing the caller saw was wrong. Version conflicts are retried only
 * when `retryVersion` (no `If-Match`): with `If-Match` the client asked to hear about them (`412`).
 * Running out of attempts is `503` with `Retry-After`, never `412`.
 */
export async function retryConflicts<T>(
  policy: ConflictRetryPolicy,
  retryVersion: boolean,
  what: string,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof WriteConflict) || (e.reason === 'version' && !retryVersion)) throw e;
      if (n >= policy.attempts) {
        throw new DomainError(
          'UNAVAILABLE',
          `The ${what} is being changed by many requests at once; retry shortly.`,
          [],
          { 'retry-after': '1' },
        );
      }
      await policy.sleep(backoffMs(policy, n));
    }
  }
}
