import { beforeAll, describe, expect, it } from 'vitest';
import { world } from '../conversion/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { feed } from './helpers';
import { expectDayAnnounced, liveTenantDay } from './tenant-day';

// One tenant's day through GET /v1/events: each change announced rightly, in the order they committed.

beforeAll(() => useLocalRuntimeFromThisProcess());

describe('events end to end', () => {
  it('a deleted record, a converted lead, a decided approval and a bounced email each announce themselves', async () => {
    const w = await world();
    const since = new Date().toISOString();
    const day = await liveTenantDay(w);
    const got = await feed(w.key, `from=${encodeURIComponent(since)}`);
    expectDayAnnounced(got, day);
    // In commit order: each after the one before it.
    const order = ['company.deleted', 'lead.converted', 'approval.decided', 'email.bounced'].map((type) =>
      got.findIndex((e) => e.type === type),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
