import type { FilterValue, WebhookSubscription } from '#core/webhooks/subscription';

// Which subscriptions an event goes to: the delivery worker asks for each event and enabled
// subscription. Values compare strictly (`1` never matches `"1"`): filters are validated against
// the presented data's own types.

const subscribesTo = (events: string[], type: string): boolean =>
  events.some((e) => e === type || (e.endsWith('.*') && type.startsWith(e.slice(0, -1))));

const fieldMatches = (expected: FilterValue | FilterValue[], actual: unknown): boolean =>
  Array.isArray(expected) ? expected.some((v) => v === actual) : expected === actual;

export function matchesSubscription(sub: WebhookSubscription, type: string, data: Record<string, unknown>): boolean {
  if (!sub.enabled || !subscribesTo(sub.events, type)) return false;
  return Object.entries(sub.filter ?? {}).every(
    ([key, expected]) => Object.hasOwn(data, key) && fieldMatches(expected, data[key]),
  );
}
