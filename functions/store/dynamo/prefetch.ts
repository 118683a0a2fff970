import { AsyncLocalStorage } from 'node:async_hooks';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#store/dynamo/client';

// Items a request will certainly read, fetched in the same BatchGetItem that authenticates it:
// a GET of one record then costs one round trip instead of two. An item is handed out once, so
// a retry after a version conflict reads afresh. Nothing is shared between requests.

type Key = { pk: string; sk: string };
interface Scope {
  wanted: Key[];
  fetched: Map<string, Record<string, unknown> | null>;
}

const storage = new AsyncLocalStorage<Scope>();
const id = (k: Key) => `${k.pk}\u0000${k.sk}`;

export const withPrefetchScope = <T>(run: () => Promise<T>): Promise<T> =>
  storage.run({ wanted: [], fetched: new Map() }, run);

/** Asks for `key` to be read along with the next authentication read of this request. */
export function want(key: Key): void {
  storage.getStore()?.wanted.push(key);
}

/** The keys asked for so far; they are then no longer wanted. */
export function takeWanted(): Key[] {
  const scope = storage.getStore();
  if (!scope) return [];
  const keys = scope.wanted;
  scope.wanted = [];
  return keys;
}

export function remember(key: Key, item: Record<string, unknown> | undefined): void {
  storage.getStore()?.fetched.set(id(key), item ?? null);
}

/** The prefetched item (null if it did not exist), or undefined if it was not prefetched. */
export function recall(key: Key): Record<string, unknown> | null | undefined {
  const fetched = storage.getStore()?.fetched;
  const item = fetched?.get(id(key));
  fetched?.delete(id(key));
  return item;
}

/** The item (undefined: none): this request's prefetched copy when it was read with the authentication, else one consistent GetItem. */
export async function readItem(key: Key): Promise<Record<string, unknown> | undefined> {
  const prefetched = recall(key);
  if (prefetched !== undefined) return prefetched ?? undefined;
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return Item;
}
