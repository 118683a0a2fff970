import * as z from 'zod';
import { EVENT_TYPES } from '#core/records/events';
import { TEST_EVENT_TYPE } from '#core/webhooks/test-send';
import { EventOut } from '#http/records/event-schemas';
import { envelope } from '#http/records/event-envelope';

// The OpenAPI document's `webhooks` section: one entry per event type, what a subscription's URL
// receives (the body is the event as GET /v1/events lists it), so a receiver is generated and
// checked from the same schemas as the feed (here, beside them). test/integration/webhooks checks every
// delivery against it.

type Json = Record<string, any>;
type ToSchema = (schema: z.ZodType, io: 'input' | 'output') => Json;

const WebhookTestEvent = z
  .object({
    ...envelope,
    type: z.literal(TEST_EVENT_TYPE),
    data: z.object({ webhookId: z.string(), message: z.string() }),
  })
  .meta({ id: 'WebhookTestEvent', description: 'Sent by POST /v1/webhooks/{id}/test only, never by a change.' });

const SIGNATURE_HEADERS = [
  ['webhook-id', 'The event id (`evt_…`), the same on every attempt: dedupe on it.'],
  ['webhook-timestamp', 'Unix seconds when this attempt was signed; refuse ones far from now (replays).'],
  [
    'webhook-signature',
    '`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, space-separated: two while a rotated-out secret still signs.',
  ],
] as const;

/** The event schema (one of `Event`'s) that carries `type`. */
function schemaOf(type: string): z.ZodType {
  const option = EventOut.options.find((o) => (o.shape.type as z.ZodType).safeParse(type).success);
  if (!option) throw new Error(`No Event schema takes ${type}`);
  return option;
}

export function webhooksSection(toSchema: ToSchema): Json {
  const entries: Array<[string, z.ZodType]> = [
    ...EVENT_TYPES.map((t) => [t, schemaOf(t)] as [string, z.ZodType]),
    [TEST_EVENT_TYPE, WebhookTestEvent],
  ];
  return Object.fromEntries(
    entries.map(([type, schema]) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          summary: `${type}: posted to each enabled subscription whose events and filter match`,
          tags: ['Webhooks'],
          // Dossier calls the receiver: no API key, the Standard Webhooks signature headers instead.
          security: [],
          parameters: SIGNATURE_HEADERS.map(([name, description]) => ({
            name,
            in: 'header',
            required: true,
            description,
            schema: { type: 'string' },
          })),
          requestBody: { required: true, content: { 'application/json': { schema: toSchema(schema, 'output') } } },
          responses: {
            '2XX': { description: 'Received: delivered, never sent again.' },
            default: {
              description:
                'Anything else, a redirect, a timeout (10 s) or a reset is a failed attempt, retried after 1, 2, 10, 60 and 360 minutes, then 24 h.',
            },
          },
        },
      },
    ]),
  );
}
