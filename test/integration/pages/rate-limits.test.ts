import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { resetConfig } from '#config';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { resetDocumentClient } from '#store/dynamo/client';
import { request } from '#test/support/http-client';
import { tokenOn } from './own-runtime-world';

// The pages' rate limits at their production defaults, and the time a wrong token costs, on a
// runtime of this file's own: the shared test runtime raises the limits (every test comes from
// 127.0.0.1), and its valid pages, opened by other test files at once, would set the time a 404
// is padded to.

let runtime: LocalRuntime;

beforeAll(async () => {
  process.env.PAGES_RATE_PER_IP = '100';
  process.env.PAGES_RATE_PER_TOKEN = '5';
  resetConfig();
  resetDocumentClient();
  runtime = await startLocalRuntime({ port: 0, memory: true, demo: false });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  resetConfig();
  resetDocumentClient();
}, 60_000);

const get = (path: string, headers: Record<string, string> = {}) => request(runtime.apiUrl, 'GET', path, { headers });
const wrongToken = (i: number) => `dal_${`wrong${i}`.padEnd(43, 'z')}`;

/** Counts are per minute: start a burst early in one, so it does not straddle two. */
async function freshMinute(seconds: number) {
  const left = 60 - ((Date.now() / 1000) % 60);
  if (left < seconds) await new Promise((r) => setTimeout(r, left * 1000 + 200));
}

describe('the pages rate limits', () => {
  it('gives one token 5 uses a minute (PAGES_RATE_PER_TOKEN), then a 429 page with Retry-After', async () => {
    await freshMinute(20);
    const token = wrongToken(0);
    for (let i = 0; i < 5; i++) expect((await get(`/a/${token}`)).status).toBe(404);
    const limited = await get(`/a/${token}?lang=et`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(limited.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toContain('Liiga palju päringuid');
  }, 60_000);

  it('answers 429 to an IP after 100 wrong tokens in a minute (PAGES_RATE_PER_IP), whatever token comes next', async () => {
    await freshMinute(45);
    const statuses: number[] = [];
    // The first test's 5 wrong uses count too if it ran this minute: send until the limit shows.
    for (let i = 1; i <= 100; i++) statuses.push((await get(`/a/${wrongToken(i)}`)).status);
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(95);
    const next = await get(`/a/${wrongToken(1000)}`, { 'accept-language': 'en' });
    expect(next.status).toBe(429);
    expect(next.body).toContain('Too many requests');
    expect((await get(`/a/${wrongToken(1001)}/file`)).status).toBe(429);
  }, 120_000);
});

describe('the time a wrong token costs', () => {
  it('answers a wrong token in the time a right one takes (medians within 10 ms over 50 requests each)', async () => {
    // The limits are read per request: lifted here, so 120 requests in a minute are all answered.
    const limits = [process.env.PAGES_RATE_PER_IP, process.env.PAGES_RATE_PER_TOKEN];
    process.env.PAGES_RATE_PER_IP = process.env.PAGES_RATE_PER_TOKEN = '1000000';
    resetConfig();
    onTestFinished(() => {
      [process.env.PAGES_RATE_PER_IP, process.env.PAGES_RATE_PER_TOKEN] = limits;
      resetConfig();
    });
    const token = await tokenOn(runtime.apiUrl, runtime.adminKey, runtime.endpoints.ses);
    const time = async (path: string) => {
      const started = performance.now();
      const res = await fetch(`${runtime.apiUrl}${path}`);
      await res.text();
      if (res.status !== 200 && res.status !== 404) throw new Error(`${path} answered ${res.status}`);
      return performance.now() - started;
    };
    // Warm both paths.
    for (let i = 0; i < 10; i++) await Promise.all([time(`/a/${token}`), time(`/a/${wrongToken(5000 + i)}`)]);
    const right: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 50; i++) {
      right.push(await time(`/a/${token}`));
      wrong.push(await time(`/a/${wrongToken(6000 + i)}`));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    console.log(JSON.stringify({ name: 'pages-404-timing', right: median(right), wrong: median(wrong) }));
    expect(Math.abs(median(right) - median(wrong))).toBeLessThanOrEqual(10);
  }, 120_000);
});
