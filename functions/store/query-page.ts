import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#core/paging';
import { decodeCursor, encodeCursor } from '#store/cursor';
import { documentClient, tableName } from '#store/dynamo';

/** One Query for one page: the cost of a page never depends on how much else the tenant holds. */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  page: PageRequest,
  toItem: (raw: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const result = await documentClient().send(
    new QueryCommand({ ...input, TableName: tableName(), Limit: page.limit, ExclusiveStartKey: decodeCursor(page.cursor, page.scope) }),
  );
  const items = (result.Items ?? []).map(toItem);
  // DynamoDB may hand back a LastEvaluatedKey on an exactly-full last page; one empty page is the price.
  return { items, nextCursor: encodeCursor(result.LastEvaluatedKey, page.scope) };
}
