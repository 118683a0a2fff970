import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#core/paging';
import { decodeCursor, encodeCursor } from '#store/dynamo/cursor';
import { documentClient, tableName } from '#store/dynamo/client';
import { globalSecondaryIndexes, partitionKey, sortKey } from '#store/dynamo/table-schema';

type Raw = Record<string, unknown>;

/** The position just after `item`, as ExclusiveStartKey needs it: its table key plus the queried index's key. */
export function positionAfter(item: Raw, indexName?: string): Raw {
  const gsi = indexName ? globalSecondaryIndexes.find((g) => g.name === indexName) : undefined;
  const names = [partitionKey, sortKey, ...(gsi ? [gsi.partitionKey, gsi.sortKey] : [])];
  return Object.fromEntries(names.map((n) => [n, item[n]]));
}

/**
 * One Query for one page: the cost of a page never depends on how much else the tenant holds.
 * It asks for one item more than the page holds, so a next cursor means there is more: a list whose
 * size is a multiple of the limit does not end on an empty page (DynamoDB's LastEvaluatedKey alone
 * cannot tell). A short page with a cursor still happens when DynamoDB stops at 1 MB.
 */
export async function queryRaw(
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  page: PageRequest,
): Promise<{ items: Raw[]; nextCursor: string | null }> {
  const result = await documentClient().send(
    new QueryCommand({
      ...input,
      TableName: tableName(),
      Limit: page.limit + 1,
      ExclusiveStartKey: decodeCursor(page.cursor, page.scope),
    }),
  );
  const raw = result.Items ?? [];
  if (raw.length <= page.limit) return { items: raw, nextCursor: encodeCursor(result.LastEvaluatedKey, page.scope) };
  const items = raw.slice(0, page.limit);
  return { items, nextCursor: encodeCursor(positionAfter(items[items.length - 1], input.IndexName), page.scope) };
}

export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  page: PageRequest,
  toItem: (raw: Raw) => T,
): Promise<Page<T>> {
  const { items, nextCursor } = await queryRaw(input, page);
  return { items: items.map(toItem), nextCursor };
}
