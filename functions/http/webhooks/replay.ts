import { replayDeliveries } from '#core/webhooks/replay';
import { route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { ReplayOut, ReplayRequestBody } from '#http/webhooks/delivery-schemas';

/** POST /v1/webhooks/{id}/replay: events delivered again, queued now. */
export const replayRoutes = [
  route({
    method: 'POST',
    path: '/v1/webhooks/{id}/replay',
    operationId: 'replayWebhook',
    summary: 'Deliver events again to a webhook subscription (a time range or event ids)',
    description:
      'Queues the events (30 days back) the subscription subscribes to as new deliveries, delivered before or not, in order per resource, with the usual retries. At most 1,000 events a call: `more` says to go on from `nextFrom`. A switched-off subscription is 409.',
    tag: 'Webhooks',
    auth: 'tenant',
    role: 'admin',
    ports: ['webhookDelivery'],
    params: idParam('whk'),
    body: ReplayRequestBody,
    errors: [409],
    example: { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' },
    success: { status: 202, schema: ReplayOut, description: 'Queued' },
    handler: async ({ params, body }, ctx) => {
      const req = body.eventIds ? { eventIds: body.eventIds } : { from: body.from!, to: body.to! };
      return { status: 202, body: await replayDeliveries(ctx.deps.webhookDelivery, ctx.caller, params.id, req) };
    },
  }),
];
