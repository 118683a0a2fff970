import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { call, expectStatus, type TestTenant } from '#test/integration/api-client';
import { useLocalRuntimeFromThisProcess } from '#test/integration/in-process-store';
import type { DueAttempt } from '#core/webhooks/attempt';
import { documentClient, tableName } from '#store/dynamo/client';
import { WEBHOOK_DUE_SHARDS, webhookDuePk, webhookDueSk } from '#store/dynamo/keys';
import type { Receiver } from '#test/integration/webhooks/receiver';

// Time in these tests is the due time of queued attempts, moved to now (a retry waits a minute to a
// day), then a worker run through the local Lambda endpoint, as the schedule or the fan-out starts it.

useLocalRuntimeFromThisProcess();

export async function subscribe(
  tenant: TestTenant,
  receiver: Receiver,
  path: string,
  body: { events: string[]; filter?: Record<string, unknown>; enabled?: boolean },
): Promise<{ id: string; secret: string }> {
  const res = await call('POST', '/v1/webhooks', { key: tenant.ownerKey, body: { url: receiver.url(path), ...body } });
  expectStatus(res, 201, 'subscribing');
  receiver.secrets.set(path, [res.body.secret]);
  return { id: res.body.id, secret: res.body.secret };
}

/** Every attempt queued (due or waiting) for the subscription, across the shards. */
export async function queuedFor(
  subscriptionId: string,
): Promise<Array<{ pk: string; sk: string; attempt: DueAttempt }>> {
  const found = await Promise.all(
    Array.from({ length: WEBHOOK_DUE_SHARDS }, (_, shard) =>
      documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': webhookDuePk(shard) },
          ConsistentRead: true,
        }),
      ),
    ),
  );
  return found
    .flatMap((r) => r.Items ?? [])
    .filter((i) => (i.attempt as DueAttempt).subscriptionId === subscriptionId) as Array<{
    pk: string;
    sk: string;
    attempt: DueAttempt;
  }>;
}

/**
 * Moves the subscription's waiting attempts to now: the retry's wait has passed. One due already
 * (perhaps being sent under a worker's lease) is left alone: moving it would drop the lease.
 */
export async function makeDue(subscriptionId: string): Promise<number> {
  const now = new Date().toISOString();
  const items = (await queuedFor(subscriptionId)).filter((i) => i.attempt.dueAt > now);
  for (const item of items) {
    const a = { ...item.attempt, dueAt: now };
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...item,
          sk: webhookDueSk(now, a.tenantId, a.subscriptionId, a.event.eventId),
          attempt: a,
        },
      }),
    );
  }
  return items.length;
}

/** Calls a catalog function through the local Lambda endpoint and waits for its answer. */
export async function invoke<T = any>(functionId: string, payload: unknown): Promise<T> {
  const res = await fetch(`${inject('endpoints').lambda}/2015-03-31/functions/${functionId}/invocations`, {
    method: 'POST',
    headers: { 'x-amz-invocation-type': 'RequestResponse', 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  if (!res.ok) throw new Error(`${functionId} answered ${res.status}`);
  return (await res.json()) as T;
}

export const runWorker = () => invoke<{ outcomes: Record<string, number>; errors: string[] }>('deliver-webhooks', {});
