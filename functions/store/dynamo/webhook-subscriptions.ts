import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { WriteConflict } from '#core/write-conflict';
import type { WebhookSubscriptionsStore } from '#core/webhooks/ports';
import type { WebhookSubscription } from '#core/webhooks/subscription';
import { conditionalWrite } from '#store/dynamo/conditional-write';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { skPrefix } from '#store/dynamo/key-prefix';
import { WEBHOOK_COUNT_SK, WEBHOOK_PREFIX, webhookSk, webhooksPk } from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { failed, transact } from '#store/dynamo/transact';

// A tenant's subscriptions share one partition with their count: the create's transaction adds one
// to the count under the condition that it is below the limit, so concurrent creates cannot pass
// it together, and the delivery worker reads every subscription with one Query.

const key = (tenantId: string, id: string) => ({ pk: webhooksPk(tenantId), sk: webhookSk(id) });
const countKey = (tenantId: string) => ({ pk: webhooksPk(tenantId), sk: WEBHOOK_COUNT_SK });
const item = (sub: WebhookSubscription) => ({ ...key(sub.tenantId, sub.id), kind: 'webhook-subscription', sub });
const ofItem = (raw: Record<string, unknown>) => raw.sub as WebhookSubscription;
const names = { '#s': 'sub' };

export const dynamoWebhookSubscriptions: WebhookSubscriptionsStore = {
  async create(sub, limit) {
    const result = await transact({
      hard: [
        {
          Update: {
            TableName: tableName(),
            Key: countKey(sub.tenantId),
            UpdateExpression: 'ADD n :one SET kind = :kind',
            ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':kind': 'webhook-count' },
          },
        },
        { Put: { TableName: tableName(), Item: item(sub), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
      retry: 'webhook subscriptions',
    });
    if (result.ok) return 'created';
    if (failed(result, 0)) return { limit };
    throw result.error;
  },

  async get(tenantId, id) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: key(tenantId, id), ConsistentRead: true }),
    );
    return Item && ofItem(Item);
  },

  list: (tenantId, page) =>
    queryPage({ ...skPrefix(webhooksPk(tenantId), WEBHOOK_PREFIX), ConsistentRead: true }, page, ofItem),

  async update(next, expectedVersion) {
    await conditionalWrite(
      () =>
        documentClient().send(
          new PutCommand({
            TableName: tableName(),
            Item: item(next),
            ConditionExpression: '#s.version = :v',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        ),
      { failed: () => new WriteConflict('version', 'The subscription changed meanwhile; read it again.') },
    );
  },

  async delete(tenantId, id) {
    const result = await transact({
      hard: [
        {
          Delete: { TableName: tableName(), Key: key(tenantId, id), ConditionExpression: 'attribute_exists(pk)' },
        },
        {
          Update: {
            TableName: tableName(),
            Key: countKey(tenantId),
            UpdateExpression: 'ADD n :minus',
            ExpressionAttributeValues: { ':minus': -1 },
          },
        },
      ],
      retry: 'webhook subscriptions',
    });
    if (result.ok) return true;
    if (failed(result, 0)) return false;
    throw result.error;
  },

  async listEnabledSubscriptions(tenantId) {
    // At most the plan's limit of items: one page of one Query, read consistently so that a
    // subscription switched off a moment ago is not delivered to.
    const all = skPrefix(webhooksPk(tenantId), WEBHOOK_PREFIX);
    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: all.KeyConditionExpression,
        FilterExpression: '#s.enabled = :on',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...all.ExpressionAttributeValues, ':on': true },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map(ofItem);
  },

  async disableSubscription(tenantId, id, reason) {
    const at = new Date().toISOString();
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key(tenantId, id),
          UpdateExpression:
            'SET #s.enabled = :off, #s.disabled = :why, #s.updatedAt = :at, #s.version = #s.version + :one',
          ConditionExpression: 'attribute_exists(pk) AND #s.enabled = :on',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':off': false, ':on': true, ':why': { at, reason }, ':at': at, ':one': 1 },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },
};
