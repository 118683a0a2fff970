// When a failed delivery is tried again: 1, 2, 10, 60 and 360 minutes after the failure, then
// 24 h, then it is given up (7 attempts in all, about 31 hours). A minute is the shortest wait:
// the worker's schedule runs every minute on AWS (EventBridge Scheduler's minimum), and the issue's
// 5 s / 30 s would only be kept by a queue we do not have locally. Each wait has ±10 % jitter so a
// receiver that failed many deliveries at once is not hit by all of them again at the same second.

const MINUTE = 60_000;
export const RETRY_DELAYS_MS = [1, 2, 10, 60, 360, 1440].map((m) => m * MINUTE);
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Milliseconds to wait after failed attempt number `attempt` (1 = the first), or undefined: give up. */
export function retryDelay(attempt: number, random: () => number = Math.random): number | undefined {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return undefined;
  return Math.round(base * (0.9 + 0.2 * random()));
}
