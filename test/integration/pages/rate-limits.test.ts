import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#config';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { resetDocumentClient } from '#store/dynamo/client';
import { request } from '#test/support/http-client';

// The pages' rate limits at their production defaults, on a runtime of this file's own: the shared
// test runtime raises them, since every test comes from 127.0.0.1.

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
