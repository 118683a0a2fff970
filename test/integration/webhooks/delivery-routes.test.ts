import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant, type TestTenant } from '#test/integration/api-client';
import { subscribe } from '#test/integration/webhooks/delivery-helpers';
import { startReceiver, type Receiver } from '#test/integration/webhooks/receiver';

// The delivery routes' refusals: who may call them, another tenant's id, and every bad replay body,
// each a clear 4xx naming the field, with nothing queued or sent.

let receiver: Receiver;
let tenant: TestTenant;
let other: TestTenant;
let sub: { id: string };

beforeAll(async () => {
  receiver = await startReceiver();
  [tenant, other] = await Promise.all([newTenant('Delivery routes'), newTenant('Delivery routes, other')]);
  sub = await subscribe(tenant, receiver, '/routes', { events: ['lead.created'] });
});
afterAll(() => receiver?.close());

const routes = () =>
  [
    ['GET', `/v1/webhooks/${sub.id}/deliveries`, undefined],
    ['POST', `/v1/webhooks/${sub.id}/test`, undefined],
    ['POST', `/v1/webhooks/${sub.id}/replay`, { eventIds: ['evt_01ARZ3NDEKTSV4RRFFQ69G5FAV'] }],
  ] as const;

describe('the delivery routes', () => {
  it.each(['member', 'viewer'])('refuses a %s with 403', async (role) => {
    const key = await newKey(tenant, role);
    for (const [method, path, body] of routes()) expectStatus(await call(method, path, { key, body }), 403, path);
    expect(receiver.on('/routes')).toEqual([]);
  });

  it("answers another tenant's subscription with 404, sending nothing", async () => {
    for (const [method, path, body] of routes())
      expectStatus(await call(method, path, { key: other.ownerKey, body }), 404, path);
    expect(receiver.on('/routes')).toEqual([]);
  });

  it.each([
    [{}, 'body.from'],
    [{ from: '2026-12-01' }, 'body.to'],
    [{ from: '2026-12-02', to: '2026-12-01' }, 'body.from'],
    [{ from: 'yesterday', to: '2026-12-01' }, 'body.from'],
    [{ eventIds: [] }, 'body.eventIds'],
    [{ eventIds: ['lead_01ARZ3NDEKTSV4RRFFQ69G5FAV'] }, 'body.eventIds.0'],
    [{ eventIds: ['evt_01ARZ3NDEKTSV4RRFFQ69G5FAV'], from: '2026-12-01', to: '2026-12-02' }, 'body.eventIds'],
    [{ eventIds: Array.from({ length: 101 }, () => 'evt_01ARZ3NDEKTSV4RRFFQ69G5FAV') }, 'body.eventIds'],
  ])('refuses the replay body %j with 400 at %s', async (body, path) => {
    const res = await call('POST', `/v1/webhooks/${sub.id}/replay`, { key: tenant.ownerKey, body });
    expectStatus(res, 400, JSON.stringify(body));
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses an unknown status filter on the log with 400 naming it', async () => {
    const res = await call('GET', `/v1/webhooks/${sub.id}/deliveries?status=pending`, { key: tenant.ownerKey });
    expectStatus(res, 400, 'status=pending');
    expect(res.body.errors[0].path).toBe('query.status');
  });

  it('refuses a replay to a switched-off subscription with 409', async () => {
    const off = await subscribe(tenant, receiver, '/off-replay', { events: ['lead.created'], enabled: false });
    const res = await call('POST', `/v1/webhooks/${off.id}/replay`, {
      key: tenant.ownerKey,
      body: { from: '2026-12-01', to: '2026-12-02' },
    });
    expectStatus(res, 409, 'replay while off');
  });
});
