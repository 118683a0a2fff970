import { listDeliveries } from '#core/webhooks/delivery-log';
import { ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { DeliveriesQuery, DeliveryPage, presentDelivery } from '#http/webhooks/delivery-schemas';

/** GET /v1/webhooks/{id}/deliveries: the subscription's delivery log, 30 days, newest first. */
export const deliveryLogRoutes = [
  route({
    method: 'GET',
    path: '/v1/webhooks/{id}/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "List a webhook subscription's delivery attempts, newest first",
    description:
      'Every attempt for 30 days: when, the status code or why it failed, how long it took, the first 1 KB of the answer, and when a failed one is tried again. `eventType` filters a page after it is read, so a page may hold fewer than `limit`.',
    tag: 'Webhooks',
    auth: 'tenant',
    role: 'admin',
    ports: ['webhookDelivery'],
    params: idParam('whk'),
    query: DeliveriesQuery,
    success: { status: 200, schema: DeliveryPage, description: 'A page of attempts' },
    handler: async ({ params, query, page }, ctx) => {
      const filter = { status: query.status, eventType: query.eventType };
      const found = await listDeliveries(ctx.deps.webhookDelivery, ctx.caller, params.id, filter, page);
      return ok({ items: found.items.map(presentDelivery), nextCursor: found.nextCursor });
    },
  }),
];
