import { config } from '#config';
import { systemClock } from '#core/clock';
import { resolveDeliveryTarget } from '#core/webhooks/address';
import type { DeliveryDeps } from '#core/webhooks/delivery-ports';
import { disabledNotifier } from '#core/webhooks/disabled-notice';
import type { FanOutDeps } from '#core/webhooks/fan-out';
import { invokeAsync } from '#store/aws/invoke';
import { dynamoWebhookSubscriptions } from '#store/dynamo/webhook-subscriptions';
import { dynamoSchemaStore } from '#store/records/schema-store';
import { dynamoApprovalNoticeDeps } from '#store/sending/approval-notices';
import { sesMailer } from '#store/sending/ses-mailer';
import { dynamoDeliveryAttempts } from '#store/webhooks/attempts-store';
import { dynamoDeliveryLog } from '#store/webhooks/delivery-log';
import { dnsResolver } from '#store/webhooks/dns-resolver';
import { httpWebhookSender } from '#store/webhooks/http-sender';
import { dynamoOutboxReader } from '#store/webhooks/outbox-reader';
import { dynamoReplaySource } from '#store/webhooks/replay-source';

/** Every delivery re-checks its URL's addresses now (DNS rebinding); loopback http only where the runtime allows it. */
export const webhookSender = httpWebhookSender((url) =>
  resolveDeliveryTarget(url, {
    allowLoopbackHttp: config().WEBHOOKS_ALLOW_LOOPBACK_HTTP === '1',
    resolver: dnsResolver,
  }),
);

export const deliveryDeps: DeliveryDeps = {
  subscriptions: dynamoWebhookSubscriptions,
  attempts: dynamoDeliveryAttempts,
  log: dynamoDeliveryLog,
  outbox: dynamoOutboxReader,
  schema: dynamoSchemaStore,
  sender: webhookSender,
  notifier: disabledNotifier({
    people: dynamoApprovalNoticeDeps.people,
    tenant: dynamoApprovalNoticeDeps.tenant,
    mailer: sesMailer,
  }),
  clock: systemClock,
};

const wakeWorker = () => invokeAsync('deliver-webhooks', { reason: 'queued' });

/** What the delivery routes (log, test, replay) use: the worker's ports and the feed to replay from. */
export const webhookDeliveryPort = { ...deliveryDeps, replay: dynamoReplaySource, wake: wakeWorker };

export const fanOutDeps: FanOutDeps = {
  subscriptions: dynamoWebhookSubscriptions,
  attempts: dynamoDeliveryAttempts,
  schema: dynamoSchemaStore,
  clock: systemClock,
  wake: wakeWorker,
};
