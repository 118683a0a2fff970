import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '#core/records/events';
import type { OutboxReader } from '#core/webhooks/delivery-ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { outboxSk, tenantKeyPrefix } from '#store/dynamo/keys';

/** The OUT# item an attempt points at, read consistently (it committed before the stream saw it). */
export const dynamoOutboxReader: OutboxReader = {
  async get(tenantId, ref) {
    // An address outside the tenant's keys is never read for it, whatever an attempt says.
    if (!ref.location.startsWith(tenantKeyPrefix(tenantId))) return undefined;
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: tableName(),
        Key: { pk: ref.location, sk: outboxSk(ref.eventId) },
        ProjectionExpression: 'event',
        ConsistentRead: true,
      }),
    );
    return Item?.event as OutboxEvent | undefined;
  },
};
