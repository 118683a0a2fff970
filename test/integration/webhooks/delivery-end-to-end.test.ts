import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDocument } from '#infra/openapi-document';
import { Contract } from '#test/contract/response-check';
import { world } from '#test/integration/conversion/helpers';
import { DAY_EVENT_TYPES, expectDayAnnounced, liveTenantDay } from '#test/integration/events/tenant-day';
import { useLocalRuntimeFromThisProcess } from '#test/integration/in-process-store';
import { subscribe } from '#test/integration/webhooks/delivery-helpers';
import { startReceiver, type Receiver } from '#test/integration/webhooks/receiver';
import { eventually } from '#test/support/eventually';

// The end-to-end case through webhooks: a deleted record, a converted lead, a decided
// approval and a bounced email, each delivered to a receiver that verifies the signature with the
// standardwebhooks library, from the table's stream (this file runs in the `streams` project).

let receiver: Receiver;
beforeAll(async () => {
  useLocalRuntimeFromThisProcess();
  receiver = await startReceiver();
});
afterAll(() => receiver?.close());

describe('webhook delivery end to end', () => {
  it('delivers a deleted record, a converted lead, a decided approval and a bounced email, signed', async () => {
    const w = await world();
    await subscribe(w.tenant, receiver, '/day', { events: [...DAY_EVENT_TYPES] });
    const day = await liveTenantDay(w);
    const got = await eventually(
      () => {
        const seen = receiver.on('/day');
        return DAY_EVENT_TYPES.every((t) => seen.some((d) => d.body.type === t)) && seen;
      },
      { timeoutMs: 15_000, label: "the day's five deliveries" },
    );
    expectDayAnnounced(
      got.map((d) => d.body as Parameters<typeof expectDayAnnounced>[0][number]),
      day,
    );
    expect(got.every((d) => d.verifiedWith.length === 1 && d.id === d.body.id)).toBe(true);
    // Each body as the OpenAPI document's webhooks section describes its type.
    const contract = new Contract(JSON.parse(JSON.stringify(apiDocument())));
    expect(got.flatMap((d) => contract.checkWebhook(d.body))).toEqual([]);
  });
});
