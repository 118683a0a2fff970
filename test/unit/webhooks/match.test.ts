import { describe, expect, it } from 'vitest';
import { matchesSubscription } from '#core/webhooks/match';
import type { WebhookSubscription } from '#core/webhooks/subscription';

const sub = (over: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id: 'whk_1',
  tenantId: 'ten_1',
  url: 'https://hooks.example.com/',
  events: ['deal.*', 'lead.created'],
  enabled: true,
  secrets: [{ secret: 'whsec_x' }],
  createdAt: '2026-12-07T00:00:00.000Z',
  updatedAt: '2026-12-07T00:00:00.000Z',
  version: 1,
  ...over,
});

describe('which subscriptions an event goes to', () => {
  it('matches an exact type and a resource wildcard, nothing else', () => {
    expect(matchesSubscription(sub(), 'lead.created', {})).toBe(true);
    expect(matchesSubscription(sub(), 'deal.stage_changed', {})).toBe(true);
    expect(matchesSubscription(sub(), 'deal.deleted', {})).toBe(true);
    expect(matchesSubscription(sub(), 'lead.updated', {})).toBe(false);
    // `deal.*` is not a prefix match on the resource name: `dealer.created` is another resource.
    expect(matchesSubscription(sub(), 'dealer.created', {})).toBe(false);
  });

  it('never matches a disabled subscription', () => {
    expect(matchesSubscription(sub({ enabled: false }), 'lead.created', {})).toBe(false);
  });

  it('requires every filter key to equal its value or one of its list', () => {
    const s = sub({ filter: { pipelineId: 'pip_a', stageId: ['stg_1', 'stg_2'] } });
    expect(matchesSubscription(s, 'deal.updated', { pipelineId: 'pip_a', stageId: 'stg_2' })).toBe(true);
    expect(matchesSubscription(s, 'deal.updated', { pipelineId: 'pip_a', stageId: 'stg_3' })).toBe(false);
    expect(matchesSubscription(s, 'deal.updated', { pipelineId: 'pip_b', stageId: 'stg_1' })).toBe(false);
    expect(matchesSubscription(s, 'deal.updated', { pipelineId: 'pip_a' })).toBe(false);
  });

  it('compares strictly: numbers, strings and booleans never match each other', () => {
    const amount = sub({ filter: { amount: 100 } });
    expect(matchesSubscription(amount, 'deal.updated', { amount: 100 })).toBe(true);
    expect(matchesSubscription(amount, 'deal.updated', { amount: '100' })).toBe(false);
    const flag = sub({ filter: { paid: true } });
    expect(matchesSubscription(flag, 'deal.updated', { paid: true })).toBe(true);
    expect(matchesSubscription(flag, 'deal.updated', { paid: 'true' })).toBe(false);
    expect(matchesSubscription(flag, 'deal.updated', { paid: 1 })).toBe(false);
    const name = sub({ filter: { source: ['1', 'web'] } });
    expect(matchesSubscription(name, 'deal.updated', { source: 1 })).toBe(false);
    expect(matchesSubscription(name, 'deal.updated', { source: 'web' })).toBe(true);
  });

  it('does not find filter keys on the prototype', () => {
    const s = sub({ filter: { constructor: 'x' } });
    expect(matchesSubscription(s, 'deal.updated', {})).toBe(false);
  });
});
