import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryRecord, DueAttempt } from '#core/webhooks/attempt';
import type { DeliveryAttemptsStore } from '#core/webhooks/delivery-ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { dueInShards, shardOf } from '#store/dynamo/due-in-shards';
import { isConditionFailure } from '#store/dynamo/item';
import {
  WEBHOOK_DUE_SHARDS,
  WEBHOOK_HEALTH_SK,
  webhookDeliveryPk,
  webhookDuePk,
  webhookDueSk,
  webhookLaneSk,
  webhookQueuedSk,
} from '#store/dynamo/keys';
import { failed, transact, type TransactItem } from '#store/dynamo/transact';
import { TTL_ATTRIBUTE } from '#store/dynamo/table-schema';
import { deliveryLogPut } from '#store/webhooks/delivery-log';

// The due registry and each subscription's order lanes (keys.ts, "Webhook delivery"):
// enqueue     TransactWriteItems: Put Q#<evt> (attribute_not_exists: once per subscription and event),
//             Put the due item, Update the resource's lane `ADD pending <version>`.
// claim       UpdateItem of the due item: its lease, unless another one runs.
// settle      TransactWriteItems: Delete the due item (our lease), lane `DELETE pending`, the log entry.
// reschedule  TransactWriteItems: Delete the due item (our lease), Put it again at its next time, the log entry.

const KEEP_SECONDS = 30 * 24 * 60 * 60;
const ttlFrom = (iso: string) => Math.floor(Date.parse(iso) / 1000) + KEEP_SECONDS;

const dueKey = (a: DueAttempt) => ({
  pk: webhookDuePk(shardOf(`${a.subscriptionId}#${a.event.resourceId}`, WEBHOOK_DUE_SHARDS)),
  sk: webhookDueSk(a.dueAt, a.tenantId, a.subscriptionId, a.event.eventId),
});

function duePut(a: DueAttempt): TransactItem {
  const { leaseUntil: _leaseUntil, ...attempt } = a;
  return { Put: { TableName: tableName(), Item: { ...dueKey(a), kind: 'webhook-attempt', attempt } } };
}

function laneUpdate(a: DueAttempt, op: 'ADD' | 'DELETE'): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: { pk: webhookDeliveryPk(a.tenantId, a.subscriptionId), sk: webhookLaneSk(a.event.resourceId) },
      UpdateExpression: `${op} pending :v SET kind = :kind`,
      ExpressionAttributeValues: { ':v': new Set([a.version]), ':kind': 'webhook-lane' },
    },
  };
}

/** The due item as this worker leased it: gone or leased again by another, the write is refused. */
function dueDelete(a: DueAttempt): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: dueKey(a),
      ConditionExpression: 'leaseUntil = :mine',
      ExpressionAttributeValues: { ':mine': a.leaseUntil },
    },
  };
}

const ENQUEUE_PARALLEL = 16;

async function enqueueOne(a: DueAttempt): Promise<boolean> {
  const marker: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: {
        pk: webhookDeliveryPk(a.tenantId, a.subscriptionId),
        sk: webhookQueuedSk(a.event.eventId),
        kind: 'webhook-queued',
        queuedAt: a.queuedAt,
        [TTL_ATTRIBUTE]: ttlFrom(a.queuedAt),
      },
      // A replay queues it again on purpose; the fan-out only once.
      ...(a.replay ? {} : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
  const result = await transact({ hard: [marker, duePut(a), laneUpdate(a, 'ADD')] });
  if (result.ok) return true;
  if (failed(result, 0)) return false;
  throw result.error;
}

async function mustCommit(items: TransactItem[], what: string): Promise<void> {
  const result = await transact({ hard: items });
  if (!result.ok) throw new Error(`${what}: the attempt's lease was lost (${result.reasons.map((r) => r.code)})`);
}

export const dynamoDeliveryAttempts: DeliveryAttemptsStore = {
  async enqueue(attempts) {
    // Each its own small transaction, several lanes at once: a batch of events is queued in a few
    // round trips. One lane's (subscription and resource) in version order, one after another: were
    // a later version's committed first, a worker running meanwhile would find it the lane's
    // earliest pending and send it before the earlier one.
    const lanes = new Map<string, DueAttempt[]>();
    for (const a of attempts) {
      const lane = `${a.tenantId}#${a.subscriptionId}#${a.event.resourceId}`;
      lanes.set(lane, [...(lanes.get(lane) ?? []), a]);
    }
    let queued = 0;
    const queue = [...lanes.values()].map((lane) => lane.sort((x, y) => x.version - y.version));
    const next = async (): Promise<void> => {
      for (let lane = queue.shift(); lane; lane = queue.shift())
        for (const a of lane) if (await enqueueOne(a)) queued++;
    };
    await Promise.all(Array.from({ length: ENQUEUE_PARALLEL }, next));
    return queued;
  },

  async due(now, limit, after) {
    const items = await dueInShards(
      { shards: WEBHOOK_DUE_SHARDS, pk: webhookDuePk, attributes: ['attempt', 'leaseUntil'], consistentRead: true },
      now,
      limit,
      after && dueKey(after).sk,
    );
    return items.map((i) => ({
      ...(i.attempt as DueAttempt),
      ...(i.leaseUntil ? { leaseUntil: i.leaseUntil as string } : {}),
    }));
  },

  async earliestPending(tenantId, subscriptionId, resourceId) {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: tableName(),
        Key: { pk: webhookDeliveryPk(tenantId, subscriptionId), sk: webhookLaneSk(resourceId) },
        ProjectionExpression: 'pending',
        ConsistentRead: true,
      }),
    );
    const pending = Item?.pending as Set<number> | undefined;
    return pending?.size ? Math.min(...pending) : undefined;
  },

  async claim(a, until, now) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: dueKey(a),
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
          ExpressionAttributeValues: { ':until': until.toISOString(), ':now': now.toISOString() },
        }),
      );
      a.leaseUntil = until.toISOString();
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },

  async settle(a, record: DeliveryRecord) {
    await mustCommit([dueDelete(a), laneUpdate(a, 'DELETE'), deliveryLogPut(record)], 'settle');
  },

  async reschedule(a, record) {
    const next: DueAttempt = { ...a, attempt: a.attempt + 1, dueAt: record.nextAttemptAt! };
    await mustCommit([dueDelete(a), duePut(next), deliveryLogPut(record)], 'reschedule');
  },

  async noteFailure(tenantId, subscriptionId, at) {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: webhookDeliveryPk(tenantId, subscriptionId), sk: WEBHOOK_HEALTH_SK },
        UpdateExpression: 'ADD inARow :one SET since = if_not_exists(since, :at), kind = :kind',
        ExpressionAttributeValues: { ':one': 1, ':at': at, ':kind': 'webhook-health' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { inARow: Attributes!.inARow as number, since: Attributes!.since as string };
  },

  async noteSuccess(tenantId, subscriptionId) {
    await documentClient().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: { pk: webhookDeliveryPk(tenantId, subscriptionId), sk: WEBHOOK_HEALTH_SK },
      }),
    );
  },
};
