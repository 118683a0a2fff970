import { call, expectStatus } from '../api-client';
import { tenantState } from '../records/helpers';

// What the events tests share: the feed read through the API, and the outbox items as stored.

const enc = encodeURIComponent;

/** Every event the key may read, oldest first, page by page. */
export async function feed(key: string, query = ''): Promise<any[]> {
  const all: any[] = [];
  let cursor: string | null = null;
  do {
    const q: string = [query, 'limit=100', cursor ? `cursor=${enc(cursor)}` : ''].filter(Boolean).join('&');
    const res: { body: any } = expectStatus(await call('GET', `/v1/events?${q}`, { key }), 200, 'reading the feed');
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}

/** The tenant's OUT# items as stored: a refused change adds none. */
export const outboxItems = async (tenantId: string) =>
  (await tenantState(tenantId)).filter((i) => String(i.sk).startsWith('OUT#'));

/**
 * A document as an event carries it: without the search's verdict on its text, which the indexer
 * sets later, with no event, and which `GET /v1/documents/{id}` adds.
 */
export const asInEvents = ({ textStatus: _status, textReason: _reason, ...doc }: Record<string, unknown>) => doc;
