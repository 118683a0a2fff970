import { config } from '#config';
import type { WebhooksDeps } from '#core/webhooks/ports';
import { dynamoWebhookSubscriptions } from '#store/dynamo/webhook-subscriptions';

/** The subscriptions store, and whether loopback http receivers are allowed (the local runtime's flag). */
export const webhooksDeps = (): WebhooksDeps => ({
  webhooks: dynamoWebhookSubscriptions,
  get allowLoopbackHttp() {
    return config().WEBHOOKS_ALLOW_LOOPBACK_HTTP === '1';
  },
});
