import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#store/dynamo';

type Key = { pk: string; sk: string };

/** BatchGetItem in chunks of 100, retrying unprocessed keys, preserving the order of `keys`. */
export async function batchGet(keys: Key[]): Promise<Array<Record<string, unknown> | undefined>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Key[] = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length && attempt < 5; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await documentClient().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }));
      for (const item of Responses?.[tableName()] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      pending = (UnprocessedKeys?.[tableName()]?.Keys as Key[] | undefined) ?? [];
    }
    if (pending.length) throw new Error('BatchGetItem left keys unprocessed after retries');
  }
  return keys.map((k) => found.get(`${k.pk}|${k.sk}`));
}
