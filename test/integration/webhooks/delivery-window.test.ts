import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DueAttempt } from '#core/webhooks/attempt';
import { deliverDue } from '#core/webhooks/deliver';
import { documentClient, tableName } from '#store/dynamo/client';
import { recordPk } from '#store/dynamo/keys';
import { deliveryDeps } from '#wiring/webhook-delivery';
import { call, expectStatus, newTenant, type TestTenant } from '#test/integration/api-client';
import { useLocalRuntimeFromThisProcess } from '#test/integration/in-process-store';
import { startReceiver, type Receiver } from '#test/integration/webhooks/receiver';

// The worker reads the due queue a window at a time. A head of attempts that cannot start (later
// versions of resources waiting behind an earlier version being retried) once filled the whole
// window: every run found nothing to send and stopped, and nothing due behind it was ever sent,
// for any subscription of any tenant (a 10,000-change bench delivered 200 events, then none). The
// worker now reads on past such a head. This file runs without the stream (the `main` project):
// attempts are queued here as the fan-out queues them, and the worker is run here, in a small window.

useLocalRuntimeFromThisProcess({ WEBHOOKS_ALLOW_LOOPBACK_HTTP: '1' });

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

async function subscribe(t: TestTenant, path: string): Promise<string> {
  const res = await call('POST', '/v1/webhooks', {
    key: t.ownerKey,
    body: { url: receiver.url(path), events: ['lead.*'] },
  });
  receiver.secrets.set(path, [expectStatus(res, 201, 'subscribing').body.secret]);
  return res.body.id;
}

/** The lead's committed events (its outbox items), as the fan-out would queue them for `subscriptionId`. */
async function attemptsFor(t: TestTenant, subscriptionId: string, leadId: string): Promise<DueAttempt[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :out)',
      ExpressionAttributeValues: { ':pk': recordPk(t.id, 'lead', leadId), ':out': 'OUT#' },
      ConsistentRead: true,
    }),
  );
  return Items.map((i) => ({
    tenantId: t.id,
    subscriptionId,
    event: { location: i.pk as string, resourceId: leadId, eventId: i.event.id as string },
    eventType: i.event.type as string,
    version: i.event.subject.version as number,
    attempt: 1,
    dueAt: '',
    queuedAt: new Date().toISOString(),
  }));
}

const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('the delivery worker past a head of waiting attempts', () => {
  it('sends what is due behind more waiting attempts than its window holds', async () => {
    const a = await newTenant('Window A');
    const subA = await subscribe(a, '/head');
    const head: DueAttempt[] = [];
    for (let i = 0; i < 4; i++) {
      const lead = expectStatus(
        await call('POST', '/v1/leads', { key: a.ownerKey, body: { title: `Head ${i}` } }),
        201,
      );
      const id = lead.body.id as string;
      expectStatus(await call('PATCH', `/v1/leads/${id}`, { key: a.ownerKey, body: { title: `Head ${i} v2` } }), 200);
      const [created, updated] = (await attemptsFor(a, subA, id)).sort((x, y) => x.version - y.version);
      // The creation failed and waits an hour for its retry; the update is due, and must wait for it.
      head.push({ ...created!, attempt: 2, dueAt: isoIn(3_600_000) }, { ...updated!, dueAt: isoIn(-60_000 + i) });
    }
    const b = await newTenant('Window B');
    const subB = await subscribe(b, '/behind');
    const lead = expectStatus(await call('POST', '/v1/leads', { key: b.ownerKey, body: { title: 'Behind' } }), 201);
    const [behind] = await attemptsFor(b, subB, lead.body.id);
    await deliveryDeps.attempts.enqueue([...head, { ...behind!, dueAt: isoIn(-1_000) }]);

    // A window of 3 holds only waiting updates (4 of them are due first).
    const run = await deliverDue(deliveryDeps, { budgetMs: 10_000, batch: 3 });
    expect(receiver.on('/behind').map((d) => d.body.type)).toEqual(['lead.created']);
    expect(receiver.on('/head')).toEqual([]);
    expect(run.outcomes.succeeded).toBe(1);
    expect(run.outcomes.waiting).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
