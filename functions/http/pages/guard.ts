import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { PagesDeps } from '#core/pages/ports';

// What every token route does before and after reading its token: the rate limits, the padding that
// makes a wrong token cost what a right one does, and the forms' nonces.

const hashed = (s: string) => createHash('sha256').update(s).digest('base64url');
const ipKey = (ip: string) => `ip#${hashed(ip)}`;

/** Seconds to the next counting window, for Retry-After. */
export const retryAfter = (now: Date) => String(60 - (Math.floor(now.getTime() / 1000) % 60));

/**
 * Refused before the token is read: an IP that tried `perIp` wrong tokens this minute, or a token
 * used more than `perToken` times. Counted in the table, so every instance sees the same counts.
 */
export async function limited(pages: PagesDeps, token: string, ip: string, now: Date): Promise<boolean> {
  const [wrongFromIp, uses] = await Promise.all([
    pages.rate.peek(ipKey(ip), now),
    pages.rate.hit(`token#${hashed(token)}`, now),
  ]);
  return wrongFromIp >= pages.limits.perIp || uses > pages.limits.perToken;
}

export const countWrongToken = (pages: PagesDeps, ip: string, now: Date) => pages.rate.hit(ipKey(ip), now);

// Server times of pages a valid token opened, newest last: a wrong token's 404 waits until the
// median, so its timing tells nothing (the store read it did was already the same).
const served: number[] = [];
// A short window: the median follows the load of the moment (a long one lags behind it).
const KEPT = 21;
/** Before any valid page was served here: about what one takes warm. */
const FIRST_GUESS_MS = 25;

export function recordValid(ms: number): void {
  served.push(ms);
  if (served.length > KEPT) served.shift();
}

export function validMedian(): number {
  if (!served.length) return FIRST_GUESS_MS;
  const sorted = [...served].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// How far padded answers overshot the median lately (a busy event loop wakes a timer late, the
// count written meanwhile may end after it): subtracted from the next wait, so they end at the median.
let overshoot = 0;

/** Waits, alongside `work`, until a valid page's median time since `startedAt` has passed. */
export async function padToValid(startedAt: number, work: Promise<unknown>): Promise<void> {
  const target = validMedian();
  const wait = target - (performance.now() - startedAt) - overshoot;
  await Promise.all([work, wait > 0 ? new Promise((r) => setTimeout(r, wait)) : undefined]);
  const over = performance.now() - startedAt - target;
  overshoot = Math.max(0, 0.8 * overshoot + 0.2 * over);
}

/** The forms' CSRF nonce: an HMAC of the page's token, so a form made for another task (or none) is refused. */
export const nonceFor = (pages: PagesDeps, token: string): string =>
  createHmac('sha256', pages.nonceKey).update(`approver-form\0${token}`).digest('base64url');

export function nonceMatches(pages: PagesDeps, token: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const want = Buffer.from(nonceFor(pages, token));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}
