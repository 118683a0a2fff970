import { sendTestEvent } from '#core/webhooks/test-send';
import { ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { presentDelivery, TestDeliveryOut } from '#http/webhooks/delivery-schemas';

/** POST /v1/webhooks/{id}/test: a signed `webhook.test` event now, answered with what the receiver did. */
export const testSendRoutes = [
  route({
    method: 'POST',
    path: '/v1/webhooks/{id}/test',
    operationId: 'testWebhook',
    summary: "Send a webhook.test event now and answer with the receiver's status and time",
    description:
      'Signed like every delivery (Standard Webhooks), sent at once (also to a switched-off subscription, to check a receiver before switching it on), not retried, and logged. A receiver that fails still answers 200 here: `status` says how it went.',
    tag: 'Webhooks',
    auth: 'tenant',
    role: 'admin',
    ports: ['webhookDelivery'],
    params: idParam('whk'),
    success: { status: 200, schema: TestDeliveryOut, description: 'The attempt' },
    handler: async ({ params }, ctx) =>
      ok(presentDelivery(await sendTestEvent(ctx.deps.webhookDelivery, ctx.caller, params.id))),
  }),
];
