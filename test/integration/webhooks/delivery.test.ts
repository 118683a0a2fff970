import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDocument } from '#infra/openapi-document';
import { Contract } from '#test/contract/response-check';
import { call, expectStatus, newTenant, type TestTenant } from '#test/integration/api-client';
import { eventually } from '#test/support/eventually';
import { documentClient, tableName } from '#store/dynamo/client';
import { outboxSk, recordPk, WEBHOOK_HEALTH_SK, webhookDeliveryPk } from '#store/dynamo/keys';
import { invoke, makeDue, queuedFor, runWorker, subscribe } from '#test/integration/webhooks/delivery-helpers';
import { startReceiver, type Receiver } from '#test/integration/webhooks/receiver';
import { mailTo } from '#test/integration/sending/mailbox';

// End to end: changes through the API, the table's stream read by the local runtime as Lambda's
// event source mapping reads it, the fan-out, the worker, and a receiver verifying every delivery
// with the standardwebhooks library. Retries are made due by moving their due time, never by waiting.

let receiver: Receiver;
let tenant: TestTenant;

beforeAll(async () => {
  receiver = await startReceiver();
  tenant = await newTenant('Webhook delivery');
});
afterAll(() => receiver?.close());

const createLead = async (t: TestTenant, name: string) => {
  const res = await call('POST', '/v1/leads', { key: t.ownerKey, body: { title: name } });
  expectStatus(res, 201, 'creating a lead');
  return res.body as { id: string; version: number };
};

const deliveriesOf = (path: string, resourceId: string) =>
  receiver.on(path).filter((d) => (d.body.data as { id?: string }).id === resourceId);

describe('webhook delivery', () => {
  it('delivers a created, updated and deleted record signed, within seconds, in order', async () => {
    const path = '/e2e';
    await subscribe(tenant, receiver, path, { events: ['lead.*'] });
    const started = Date.now();
    const lead = await createLead(tenant, 'Ann Order');
    expectStatus(
      await call('PATCH', `/v1/leads/${lead.id}`, { key: tenant.ownerKey, body: { title: 'Ann Order 2' } }),
      200,
      'first update',
    );
    expectStatus(
      await call('PATCH', `/v1/leads/${lead.id}`, { key: tenant.ownerKey, body: { title: 'Ann Order 3' } }),
      200,
      'second update',
    );
    expectStatus(await call('DELETE', `/v1/leads/${lead.id}`, { key: tenant.ownerKey }), 204, 'delete');
    const got = await eventually(() => deliveriesOf(path, lead.id).length >= 4 && deliveriesOf(path, lead.id), {
      timeoutMs: 15_000,
      label: 'four deliveries',
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(got.map((d) => d.body.type)).toEqual(['lead.created', 'lead.updated', 'lead.updated', 'lead.deleted']);
    expect(got.map((d) => (d.body.data as { version: number }).version)).toEqual([1, 2, 3, 4]);
    expect(got.every((d) => d.verifiedWith.length === 1)).toBe(true);
    expect(got.every((d) => d.id === d.body.id && d.body.tenantId === tenant.id)).toBe(true);
    expect(got[1].body.previous).toEqual({ title: 'Ann Order' });
  });

  it('retries a failing receiver, keeps the later version waiting meanwhile, and logs every attempt', async () => {
    const path = '/flaky';
    const sub = await subscribe(tenant, receiver, path, { events: ['lead.created', 'lead.updated'] });
    // The first version fails twice; everything else is accepted.
    receiver.answers.set(path, (d, nth) =>
      d.body.type === 'lead.created' && nth <= 2 ? { status: 503, body: 'not now' } : { status: 200, body: 'ok' },
    );
    const lead = await createLead(tenant, 'Flaky Fred');
    await eventually(() => deliveriesOf(path, lead.id).length === 1, { label: 'the first attempt' });
    expectStatus(
      await call('PATCH', `/v1/leads/${lead.id}`, { key: tenant.ownerKey, body: { title: 'Flaky Fred 2' } }),
      200,
      'update',
    );
    await eventually(async () => (await queuedFor(sub.id)).length === 2, { label: 'the update queued' });
    await runWorker();
    // The update is due, but waits behind the failed creation.
    expect(deliveriesOf(path, lead.id).map((d) => d.body.type)).toEqual(['lead.created']);

    for (const expected of [2, 4]) {
      // The retry is queued once the worker that sent the last attempt has logged it: a scheduled
      // run (every 2 s here) may have taken that attempt, and still be writing when the receiver saw it.
      await eventually(async () => (await makeDue(sub.id)) > 0, { label: 'the retry queued' });
      await runWorker();
      await eventually(() => deliveriesOf(path, lead.id).length >= expected, { label: `${expected} deliveries` });
    }
    const got = deliveriesOf(path, lead.id);
    expect(got.map((d) => d.body.type)).toEqual(['lead.created', 'lead.created', 'lead.created', 'lead.updated']);
    expect(new Set(got.slice(0, 3).map((d) => d.id)).size).toBe(1); // one event, three attempts

    const log = await call('GET', `/v1/webhooks/${sub.id}/deliveries`, { key: tenant.ownerKey });
    expectStatus(log, 200, 'the delivery log');
    expect(log.body.items.map((i: any) => [i.eventType, i.attempt, i.status, i.statusCode])).toEqual([
      ['lead.updated', 1, 'succeeded', 200],
      ['lead.created', 3, 'succeeded', 200],
      ['lead.created', 2, 'failed', 503],
      ['lead.created', 1, 'failed', 503],
    ]);
    expect(log.body.items[3]).toMatchObject({ response: 'not now', nextAttemptAt: expect.any(String) });
    const failed = await call('GET', `/v1/webhooks/${sub.id}/deliveries?status=failed&eventType=lead.created`, {
      key: tenant.ownerKey,
    });
    expect(failed.body.items).toHaveLength(2);
  });

  it('sends both signatures during a rotation, each verifying with its secret', async () => {
    const path = '/rotated';
    const sub = await subscribe(tenant, receiver, path, { events: ['lead.created'] });
    const rotated = await call('POST', `/v1/webhooks/${sub.id}/rotate-secret`, { key: tenant.ownerKey });
    expectStatus(rotated, 200, 'rotating');
    receiver.secrets.set(path, [rotated.body.secret, sub.secret]);
    const lead = await createLead(tenant, 'Rita Rotation');
    const [d] = await eventually(() => deliveriesOf(path, lead.id).length > 0 && deliveriesOf(path, lead.id), {
      label: 'the delivery',
    });
    expect(d.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(d.verifiedWith).toEqual([0, 1]);
  });

  it('sends nothing to a switched-off or non-matching subscription, nor another tenant’s events', async () => {
    const other = await newTenant('Other tenant');
    await subscribe(tenant, receiver, '/off', { events: ['lead.*'], enabled: false });
    await subscribe(tenant, receiver, '/deals-only', { events: ['deal.*'] });
    await subscribe(tenant, receiver, '/filtered', { events: ['lead.created'], filter: { title: 'Nobody' } });
    const watch = '/watch';
    await subscribe(tenant, receiver, watch, { events: ['lead.created'] });
    await createLead(other, 'Other Olga');
    const mine = await createLead(tenant, 'Mine Mia');
    await eventually(() => deliveriesOf(watch, mine.id).length === 1, { label: 'the watched delivery' });
    await runWorker();
    expect(receiver.on('/off')).toEqual([]);
    expect(receiver.on('/deals-only')).toEqual([]);
    expect(receiver.on('/filtered')).toEqual([]);
    expect(receiver.deliveries.filter((d) => d.body.tenantId === other.id)).toEqual([]);
  });

  it('queues nothing twice when the stream hands a batch over again', async () => {
    const path = '/redelivered';
    const sub = await subscribe(tenant, receiver, path, { events: ['lead.created'] });
    const lead = await createLead(tenant, 'Rex Redelivery');
    const [first] = await eventually(() => deliveriesOf(path, lead.id).length > 0 && deliveriesOf(path, lead.id), {
      label: 'the delivery',
    });
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: tableName(),
        Key: { pk: recordPk(tenant.id, 'lead', lead.id), sk: outboxSk(first.id) },
      }),
    );
    const { marshall } = await import('@aws-sdk/util-dynamodb');
    const image = marshall(Item!, { removeUndefinedValues: true });
    const again = await invoke('webhook-fan-out', {
      Records: [{ eventName: 'INSERT', dynamodb: { Keys: { pk: image.pk, sk: image.sk }, NewImage: image } }],
    });
    expect(again).toMatchObject({ events: 1, queued: 0 });
    expect(await queuedFor(sub.id)).toEqual([]);
    await runWorker();
    expect(deliveriesOf(path, lead.id)).toHaveLength(1);
  });

  it('replays events by id and by range, delivered again under the same webhook-id', async () => {
    const path = '/replayed';
    const sub = await subscribe(tenant, receiver, path, { events: ['lead.created'] });
    const lead = await createLead(tenant, 'Replay Rosa');
    const [first] = await eventually(() => deliveriesOf(path, lead.id).length > 0 && deliveriesOf(path, lead.id), {
      label: 'the delivery',
    });
    const byId = await call('POST', `/v1/webhooks/${sub.id}/replay`, {
      key: tenant.ownerKey,
      body: { eventIds: [first.id, 'evt_01ARZ3NDEKTSV4RRFFQ69G5FAV'] },
    });
    expectStatus(byId, 202, 'replay by id');
    expect(byId.body).toMatchObject({ queued: 1, skipped: 0, missing: ['evt_01ARZ3NDEKTSV4RRFFQ69G5FAV'] });
    await eventually(() => deliveriesOf(path, lead.id).length === 2, { label: 'the replayed delivery' });
    const byRange = await call('POST', `/v1/webhooks/${sub.id}/replay`, {
      key: tenant.ownerKey,
      body: { from: first.body.occurredAt, to: first.body.occurredAt },
    });
    expectStatus(byRange, 202, 'replay by range');
    expect(byRange.body.queued).toBeGreaterThanOrEqual(1);
    await eventually(() => deliveriesOf(path, lead.id).length === 3, { label: 'the range replay' });
    expect(new Set(deliveriesOf(path, lead.id).map((d) => d.id))).toEqual(new Set([first.id]));
  });

  it('answers a test send with what the receiver did, and logs it', async () => {
    const path = '/test-send';
    const sub = await subscribe(tenant, receiver, path, { events: ['lead.created'] });
    receiver.answers.set(path, () => ({ status: 302, body: 'elsewhere' }));
    const res = await call('POST', `/v1/webhooks/${sub.id}/test`, { key: tenant.ownerKey });
    expectStatus(res, 200, 'test send');
    expect(res.body).toMatchObject({
      eventType: 'webhook.test',
      status: 'failed',
      statusCode: 302,
      error: 'redirect_not_followed',
    });
    expect(receiver.on(path)[0].verifiedWith).toEqual([0]);
    receiver.answers.set(path, () => ({ status: 204 }));
    const ok = await call('POST', `/v1/webhooks/${sub.id}/test`, { key: tenant.ownerKey });
    expect(ok.body).toMatchObject({ status: 'succeeded', statusCode: 204, durationMs: expect.any(Number) });
    const log = await call('GET', `/v1/webhooks/${sub.id}/deliveries?eventType=webhook.test`, { key: tenant.ownerKey });
    expect(log.body.items.map((i: any) => i.status)).toEqual(['succeeded', 'failed']);
  });

  it('switches off a subscription failing for 3 days and emails its admins', async () => {
    const t = await newTenant('Failing receiver');
    const admin = `admin-${Math.random().toString(36).slice(2, 8)}@tenant.example`;
    expectStatus(
      await call('PATCH', `/v1/users/${t.ownerUserId}`, { key: t.ownerKey, body: { email: admin } }),
      200,
      'owner email',
    );
    const path = '/always-down';
    receiver.answers.set(path, () => ({ status: 500 }));
    const sub = await subscribe(t, receiver, path, { events: ['lead.created'] });
    // It has been failing since 3 days ago (as the failures before this one recorded).
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: webhookDeliveryPk(t.id, sub.id),
          sk: WEBHOOK_HEALTH_SK,
          kind: 'webhook-health',
          inARow: 40,
          since: new Date(Date.now() - 3 * 86_400_000 - 60_000).toISOString(),
        },
      }),
    );
    await createLead(t, 'Down Dora');
    const off = await eventually(
      async () => {
        const res = await call('GET', `/v1/webhooks/${sub.id}`, { key: t.ownerKey });
        return res.body.enabled === false && res.body;
      },
      { timeoutMs: 15_000, label: 'the subscription switched off' },
    );
    expect(off.disabled.reason).toMatch(/3 days/);
    const [mail] = await eventually(async () => (await mailTo(admin)).length > 0 && mailTo(admin), {
      label: 'the email',
    });
    expect(mail.subject).toContain(receiver.url(path));
    // Since when, as a date and time the tenant reads (its zone; English as the EU writes it), not an ISO instant.
    expect(mail.body.text).toMatch(/failed for 3 days, since \d\d\/\d\d\/\d{4}, \d\d:\d\d /);
    expect(mail.body.text).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });
  it('posts only what the OpenAPI webhooks section promises for each type (every delivery of this file)', () => {
    const contract = new Contract(JSON.parse(JSON.stringify(apiDocument())));
    const bodies = receiver.deliveries.map((d) => d.body);
    expect(new Set(bodies.map((b) => b.type)).size).toBeGreaterThan(3);
    expect(bodies.flatMap((b) => contract.checkWebhook(b))).toEqual([]);
  });
});
