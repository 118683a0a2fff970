import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type TestTenant } from '#test/integration/api-client';
import { makeDue, runWorker, subscribe } from '#test/integration/webhooks/delivery-helpers';
import { startReceiver, type Receiver } from '#test/integration/webhooks/receiver';

// The bench's scenario (npm run bench -- events) at 300 changes: a receiver failing 30 % of first
// attempts at random. Every event arrives, none again after a 2xx, each resource in version order.

const LEADS = 60;
const UPDATES = 4;
let receiver: Receiver;
let tenant: TestTenant;

beforeAll(async () => {
  receiver = await startReceiver();
  tenant = await newTenant('Webhook load');
});
afterAll(() => receiver?.close());

describe('300 changes to a receiver failing 30 % of first attempts', () => {
  it('delivers every event once after its 2xx, in order per resource', async () => {
    const path = '/load';
    const sub = await subscribe(tenant, receiver, path, { events: ['lead.*'] });
    receiver.answers.set(path, (_d, nth) => (nth === 1 && Math.random() < 0.3 ? { status: 500 } : { status: 200 }));
    await Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (let l = worker; l < LEADS; l += 6) {
          const lead = await call('POST', '/v1/leads', { key: tenant.ownerKey, body: { title: `Load ${l}` } });
          expectStatus(lead, 201, 'create');
          for (let u = 2; u <= UPDATES + 1; u++)
            expectStatus(
              await call('PATCH', `/v1/leads/${lead.body.id}`, {
                key: tenant.ownerKey,
                body: { title: `Load ${l} v${u}` },
              }),
              200,
              'update',
            );
        }
      }),
    );
    const expected = LEADS * (UPDATES + 1);
    const succeeded = () => receiver.on(path).filter((d) => d.status < 300);
    const deadline = Date.now() + 120_000;
    while (new Set(succeeded().map((d) => d.id)).size < expected && Date.now() < deadline) {
      // Retries wait a minute and more: make them due, and run a worker as the schedule would.
      await makeDue(sub.id);
      await runWorker();
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const all = receiver.on(path);
    const ok = succeeded();
    expect(new Set(ok.map((d) => d.id)).size).toBe(expected);
    expect(ok.length, 'deliveries after a 2xx of the same webhook-id').toBe(expected);
    expect(all.filter((d) => d.status >= 300).length).toBeGreaterThan(0);
    expect(all.every((d) => d.verifiedWith.length === 1)).toBe(true);
    const versions = new Map<string, number[]>();
    for (const d of all) versions.set(d.body.data.id, [...(versions.get(d.body.data.id) ?? []), d.body.data.version]);
    expect(versions.size).toBe(LEADS);
    for (const [id, seen] of versions) expect(seen, id).toEqual([...seen].sort((a, b) => a - b));
  }, 240_000);
});
