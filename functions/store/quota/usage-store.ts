import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { UsageStore } from '#core/quota/ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { usageKey } from '#store/dynamo/keys';
import { usageFromItem } from '#store/quota/usage-update';

export const dynamoUsageStore: UsageStore = {
  async read(tenantId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: usageKey(tenantId), ConsistentRead: true }),
    );
    return usageFromItem(Item);
  },
};
