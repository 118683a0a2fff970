import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#core/errors';
import { documentClient, tableName } from '#store/dynamo/client';
import { sendUntilProcessed } from '#store/dynamo/unprocessed';

type Key = { pk: string; sk: string };

/** BatchGetItem in chunks of 100, retrying unprocessed keys, preserving the order of `keys`. */
export async function batchGet(
  keys: Key[],
  opts: { consistent?: boolean } = {},
): Promise<Array<Record<string, unknown> | undefined>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += 100) {
    const left = await sendUntilProcessed(keys.slice(i, i + 100), async (pending) => {
      const { Responses, UnprocessedKeys } = await documentClient().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: opts.consistent } } }),
      );
      for (const item of Responses?.[tableName()] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      return (UnprocessedKeys?.[tableName()]?.Keys as Key[] | undefined) ?? [];
    });
    if (left.length) throw new DomainError('UNAVAILABLE', 'The store is busy; retry shortly.');
  }
  return keys.map((k) => found.get(`${k.pk}|${k.sk}`));
}
