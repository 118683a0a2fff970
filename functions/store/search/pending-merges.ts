import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PendingMerges } from '#core/search/optimise';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { SEARCH_MERGE_PK, searchMergeKey } from '#store/dynamo/keys';

// The tenants whose newest index rows wait for a merge (core/search/optimise.ts): one item each in a
// platform partition, so the scheduled optimiser reads them with one Query instead of visiting
// every tenant. A mark put again while a merge runs keeps the tenant listed for the next run.

export const dynamoPendingMerges: PendingMerges = {
  async mark(tenantId) {
    const at = new Date().toISOString();
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: { ...searchMergeKey(tenantId), kind: 'search-merge', at } }),
    );
  },

  async list(limit) {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': SEARCH_MERGE_PK },
        Limit: limit,
      }),
    );
    return Items.map((i) => ({ tenantId: String(i.sk), at: String(i.at) }));
  },

  async clear(tenantId, at) {
    try {
      await documentClient().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: searchMergeKey(tenantId),
          ConditionExpression: '#at = :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  },
};
