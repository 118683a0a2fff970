import * as z from 'zod';
import type { DeliveryRecord } from '#core/webhooks/attempt';
import { MAX_REPLAY_IDS } from '#core/webhooks/replay';
import { Ref } from '#core/records/standard-fields';
import { bound, checkRange, pageOf, PageQuery, Timestamp } from '#http/schemas/common';

const attemptShape = {
  id: z.string().describe('`dlv_…`'),
  subscriptionId: z.string().describe('`whk_…`'),
  eventId: z.string().describe('`evt_…`: the `webhook-id` header the receiver saw.'),
  eventType: z.string(),
  attempt: z.number().int().min(1).describe('1 for the first try of this event, counting retries.'),
  at: Timestamp.describe('When the request was sent.'),
  status: z.enum(['succeeded', 'failed']).describe('`succeeded`: the receiver answered 2xx.'),
  statusCode: z.number().int().optional().describe("The receiver's HTTP status, when it answered."),
  error: z
    .string()
    .optional()
    .describe(
      'Why it failed without a usable answer: `timeout` (10 s), `connection_reset`, `connection_refused`, `redirect_not_followed`, `response_too_large`, `refused_address`, `dns_failure`, `subscription_disabled`, `event_expired`, …',
    ),
  durationMs: z.number().int().min(0),
  response: z.string().optional().describe("The first 1 KB of the receiver's answer."),
  nextAttemptAt: Timestamp.optional().describe('A failed attempt that will be tried again: when.'),
};

export const DeliveryOut = z.object(attemptShape).meta({ id: 'WebhookDelivery', description: 'One delivery attempt.' });
export const DeliveryPage = pageOf(DeliveryOut, 'WebhookDeliveryPage');

export const DeliveriesQuery = PageQuery.extend({
  status: z
    .enum(['failed', 'succeeded'], { error: 'must be failed or succeeded' })
    .optional()
    .describe('Only attempts that failed, or only those that succeeded.'),
  eventType: z.string().min(1).max(100).optional().describe('Only attempts of this event type (`lead.created`).'),
});

export const TestDeliveryOut = z.object(attemptShape).meta({
  id: 'WebhookTestDelivery',
  description: "The test event's one attempt: what the receiver did, and how long it took.",
});

export const ReplayRequestBody = z
  .strictObject({
    from: bound(false)
      .optional()
      .describe('With `to`: events that occurred at or after this instant (a date: its start).'),
    to: bound(true)
      .optional()
      .describe('With `from`: events that occurred at or before this instant (a date: its end).'),
    eventIds: z
      .array(Ref('evt'))
      .min(1)
      .max(MAX_REPLAY_IDS)
      .optional()
      .describe(`Instead of a range: 1 to ${MAX_REPLAY_IDS} event ids (\`evt_…\`).`),
  })
  .superRefine((q, ctx) => {
    if (q.eventIds && (q.from || q.to))
      ctx.addIssue({ code: 'custom', path: ['eventIds'], message: 'send either eventIds or from and to, not both' });
    else if (!q.eventIds) {
      if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required with to (or send eventIds)' });
      if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required with from (or send eventIds)' });
      if (q.from && q.to) checkRange(q, ctx, 'from', 'to');
    }
  })
  .meta({ id: 'ReplayWebhookRequest', description: 'A time range (`from` and `to`) or `eventIds`.' });

export const ReplayOut = z
  .object({
    queued: z.number().int().describe('Events queued for delivery to this subscription.'),
    skipped: z.number().int().describe('Events found that the subscription does not subscribe to (type or filter).'),
    missing: z
      .array(z.string())
      .optional()
      .describe("Asked-for ids not found (older than 30 days, or not this tenant's)."),
    more: z.boolean().describe('The range held more than 1,000 events: replay again from `nextFrom`.'),
    nextFrom: Timestamp.optional(),
  })
  .meta({ id: 'WebhookReplay' });

/** An attempt as the API shows it: the tenant is the caller's own. */
export const presentDelivery = ({ tenantId: _tenantId, ...rest }: DeliveryRecord) => rest;
