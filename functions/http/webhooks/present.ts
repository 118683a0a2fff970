import type { WebhookSubscription } from '#core/webhooks/subscription';

/** A subscription as every answer shows it: its secrets' times, never their values. */
export function presentWebhook(sub: WebhookSubscription) {
  const { secrets, tenantId: _tenant, ...rest } = sub;
  return { ...rest, secrets: secrets.map((s) => ({ until: s.until ?? null })) };
}
