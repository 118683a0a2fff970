import * as z from 'zod';
import { MAX_URL_LENGTH } from '#core/webhooks/address';
import { MAX_FILTER_KEYS } from '#core/webhooks/subscription-input';
import { Problem, Timestamp } from '#http/schemas/common';

const Scalar = z.union([z.string().max(500), z.number(), z.boolean()]);
const settings = {
  url: z
    .string()
    .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
    .describe(
      'Where events are posted: `https`, a public host (no private, loopback, link-local or metadata address, no credentials), at most 2,000 characters.',
    ),
  events: z
    .array(z.string().min(1).max(100))
    .max(100)
    .describe(
      "Event types (`lead.created`) or a resource's wildcard (`deal.*`); duplicates collapse. See `GET /v1/events`.",
    ),
  filter: z
    .record(z.string().min(1).max(100), z.union([Scalar, z.array(Scalar).min(1).max(100)]))
    .describe(
      `Top-level \`data\` fields → a value, or a list of values (any of them); every key must be a field of the data of every subscribed type. At most ${MAX_FILTER_KEYS} fields.`,
    ),
  description: z.string().trim().max(500),
  enabled: z.boolean(),
};

export const WebhookCreate = z
  .strictObject({
    url: settings.url,
    events: settings.events,
    filter: settings.filter.optional(),
    description: settings.description.optional(),
    enabled: settings.enabled.optional().describe('Default: true.'),
  })
  .meta({ id: 'CreateWebhookRequest' });

export const WebhookPatch = z
  .strictObject({
    url: settings.url.optional(),
    events: settings.events.optional(),
    filter: settings.filter.nullable().optional().describe('`null` removes the filter.'),
    description: settings.description.nullable().optional().describe('`null` removes it.'),
    enabled: settings.enabled
      .optional()
      .describe('`true` switches it back on, also after delivery switched it off (`disabled` is cleared).'),
  })
  .meta({ id: 'UpdateWebhookRequest' });

export const WebhookOut = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    filter: z.record(z.string(), z.union([Scalar, z.array(Scalar)])).optional(),
    description: z.string().optional(),
    enabled: z.boolean(),
    disabled: z
      .object({ at: Timestamp, reason: z.string() })
      .optional()
      .describe('Why and when delivery switched the subscription off; cleared by enabling it.'),
    secrets: z
      .array(z.object({ until: Timestamp.nullable() }))
      .describe(
        'The signing secrets in use, without their values: the current one (`until` null), then a rotated-out one that signs until `until`.',
      ),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Webhook' });

export const WebhookWithSecret = WebhookOut.extend({
  secret: z
    .string()
    .optional()
    .describe(
      'The new signing secret, `whsec_` + base64: shown only in this answer (not in an Idempotency-Key replay).',
    ),
}).meta({ id: 'WebhookWithSecret' });

export const WebhookLimitProblem = Problem.extend({
  code: z.literal('CONFLICT'),
  limit: z.number().int(),
}).meta({
  id: 'WebhookLimitProblem',
  description: "409 when the tenant holds its plan's number of webhook subscriptions already.",
});
