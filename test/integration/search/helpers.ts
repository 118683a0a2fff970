import { call, expectStatus } from '../api-client';
import { eventually } from '#test/support/eventually';

/** GET /v1/search with these query parameters, as `key`. */
export const searchAs = (key: string, query: Record<string, string>) =>
  call('GET', `/v1/search?${new URLSearchParams(query)}`, { key });

/** The hits' ids, after a 200. */
export async function hitIds(key: string, query: Record<string, string>): Promise<string[]> {
  const res = expectStatus(await searchAs(key, query), 200, `searching ${JSON.stringify(query)}`);
  return res.body.items.map((h: { id: string }) => h.id);
}

/** Waits until the query finds `id` (indexing is asynchronous); returns that hit. */
export const foundEventually = (key: string, query: Record<string, string>, id: string, timeoutMs = 8000) =>
  eventually(
    async () => {
      const res = expectStatus(await searchAs(key, query), 200, 'searching');
      return res.body.items.find((h: { id: string }) => h.id === id);
    },
    { timeoutMs, intervalMs: 50, label: `${id} found by ${JSON.stringify(query)}` },
  );
