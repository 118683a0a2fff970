import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#store/dynamo/client';
import { skPrefix } from '#store/dynamo/key-prefix';

/** Every item a Query finds, page by page; only for partitions that stay small or are being emptied. */
export async function* allPages(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }),
    );
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * What `pick` takes from every item of partition `pk` whose sort key starts with `prefix` (a
 * constant ending in `#`), in sort-key order, read consistently; for the few items under a parent.
 */
export async function allUnder<T>(
  pk: string,
  prefix: string,
  pick: (item: Record<string, unknown>) => T,
): Promise<T[]> {
  const found: T[] = [];
  for await (const items of allPages({ ...skPrefix(pk, prefix), ConsistentRead: true })) found.push(...items.map(pick));
  return found;
}
