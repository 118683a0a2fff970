import * as z from 'zod';
import {
  createSubscription,
  deleteSubscription,
  listSubscriptions,
  readSubscription,
  rotateSubscriptionSecret,
  updateSubscription,
} from '#core/webhooks/manage-subscriptions';
import { etag } from '#http/request';
import { created, noContent, ok, route } from '#http/route';
import { idParam, pageOf, PageQuery, Problem } from '#http/schemas/common';
import { presentWebhook } from '#http/webhooks/present';
import {
  WebhookCreate,
  WebhookLimitProblem,
  WebhookOut,
  WebhookPatch,
  WebhookWithSecret,
} from '#http/webhooks/schemas';

// Subscriptions hold signing secrets and say where the tenant's data goes: admins and owners only,
// reads included.

const WebhookId = idParam('whk');
const common = { tag: 'Webhooks', auth: 'tenant', role: 'admin', ports: ['webhooks'] } as const;
const EXAMPLE = {
  url: 'https://hooks.example.com/dossier',
  events: ['lead.created', 'deal.*'],
  filter: { pipelineId: 'pipe_01J0000000000000000000000' },
  description: 'Sales pipeline sync',
};

export const webhookRoutes = [
  route({
    ...common,
    method: 'POST',
    path: '/v1/webhooks',
    operationId: 'createWebhook',
    summary: 'Subscribe a URL to events; the signing secret is shown once',
    body: WebhookCreate,
    example: { url: EXAMPLE.url, events: ['lead.created', 'deal.stage_changed'], description: EXAMPLE.description },
    notReplayed: ['secret'],
    problems: {
      409: {
        schema: z.union([WebhookLimitProblem, Problem]),
        description:
          "The tenant holds its plan's number of subscriptions (`WebhookLimitProblem`; nothing written), or a concurrent request's conflict.",
      },
    },
    success: {
      status: 201,
      schema: WebhookWithSecret,
      description: 'The subscription, with its secret',
      headers: ['etag', 'location'],
    },
    handler: async ({ body }, ctx) => {
      const { subscription, secret } = await createSubscription(ctx.deps.webhooks, ctx.caller, body);
      return created(
        { ...presentWebhook(subscription), secret },
        { etag: etag(subscription.version), location: `/v1/webhooks/${subscription.id}` },
      );
    },
  }),
  route({
    ...common,
    method: 'GET',
    path: '/v1/webhooks',
    operationId: 'listWebhooks',
    summary: 'List webhook subscriptions, oldest first',
    query: PageQuery,
    success: { status: 200, schema: pageOf(WebhookOut, 'WebhookPage'), description: 'A page of subscriptions' },
    handler: async ({ page: asked }, ctx) => {
      const page = await listSubscriptions(ctx.deps.webhooks, ctx.caller, asked);
      return ok({ items: page.items.map(presentWebhook), nextCursor: page.nextCursor });
    },
  }),
  route({
    ...common,
    method: 'GET',
    path: '/v1/webhooks/{id}',
    operationId: 'getWebhook',
    summary: 'Get a webhook subscription',
    params: WebhookId,
    success: { status: 200, schema: WebhookOut, description: 'The subscription', headers: ['etag'] },
    handler: async ({ params }, ctx) => {
      const sub = await readSubscription(ctx.deps.webhooks, ctx.caller, params.id);
      return ok(presentWebhook(sub), { etag: etag(sub.version) });
    },
  }),
  route({
    ...common,
    method: 'PATCH',
    path: '/v1/webhooks/{id}',
    operationId: 'updateWebhook',
    summary: 'Change a webhook subscription (If-Match for optimistic concurrency)',
    description: 'Send only what changes; `null` removes `filter` or `description`. `enabled: true` clears `disabled`.',
    ifMatch: true,
    params: WebhookId,
    body: WebhookPatch,
    example: { enabled: true },
    success: { status: 200, schema: WebhookOut, description: 'The changed subscription', headers: ['etag'] },
    handler: async ({ params, body, ifMatch }, ctx) => {
      const sub = await updateSubscription(ctx.deps.webhooks, ctx.caller, params.id, body, ifMatch);
      return ok(presentWebhook(sub), { etag: etag(sub.version) });
    },
  }),
  route({
    ...common,
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook subscription: nothing more is delivered to it',
    params: WebhookId,
    success: { status: 204, description: 'Deleted' },
    handler: async ({ params }, ctx) => {
      await deleteSubscription(ctx.deps.webhooks, ctx.caller, params.id);
      return noContent();
    },
  }),
  route({
    ...common,
    method: 'POST',
    path: '/v1/webhooks/{id}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret; the previous one signs too for 24 hours',
    params: WebhookId,
    notReplayed: ['secret'],
    success: {
      status: 200,
      schema: WebhookWithSecret,
      description: 'The subscription, with its new secret',
      headers: ['etag'],
    },
    handler: async ({ params }, ctx) => {
      const { subscription, secret } = await rotateSubscriptionSecret(ctx.deps.webhooks, ctx.caller, params.id);
      return ok({ ...presentWebhook(subscription), secret }, { etag: etag(subscription.version) });
    },
  }),
];
