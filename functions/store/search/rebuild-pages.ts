import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PageKey, RebuildKind } from '#core/search/rebuild';
import { documentClient, tableName } from '#store/dynamo/client';
import { entityListPk } from '#store/dynamo/keys';
import { indexName, indexPartitionAttr } from '#store/dynamo/table-schema';

/**
 * A page of a tenant's document or record ids for the search rebuild, oldest first, from the
 * entity list (documents and records alike): only the list's sort key (`C#<createdAt>#<id>`) is
 * read, as the indexer reads each item itself, consistently.
 */
export async function idPage(
  tenantId: string,
  kind: RebuildKind,
  after?: PageKey,
  pageSize = 100,
): Promise<{ ids: string[]; after?: PageKey }> {
  const page = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: indexName('entity', 'created'),
      KeyConditionExpression: `${indexPartitionAttr('entity')} = :pk`,
      ExpressionAttributeValues: { ':pk': entityListPk(tenantId, kind) },
      ProjectionExpression: 'createdSk',
      Limit: pageSize,
      ExclusiveStartKey: after,
    }),
  );
  return {
    ids: (page.Items ?? []).map((i) => String(i.createdSk).split('#').at(-1)!),
    after: page.LastEvaluatedKey,
  };
}
