import * as z from 'zod';

// What POST /v1/intake/{tenantId}/{formId} reads, for the OpenAPI document only: the route decodes
// and checks its body itself (signatures are over the bytes as sent; functions/core/intake/payload.ts).
// Loose objects: providers add members, and what is not read is ignored, never refused.

const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const FormFields = z.record(z.string(), FieldValue).meta({
  id: 'FormFieldsRequest',
  description:
    "A form's fields by name: a browser post (JSON, urlencoded or multipart; repeated names become lists), or a Standard Webhooks delivery's JSON body (signed with `webhook-id`, `webhook-timestamp`, `webhook-signature`). Other values (objects, nulls) are ignored.",
});

export const TypeformWebhook = z
  .looseObject({
    event_id: z.string().describe('The delivery id: a repeat answers as the first time.'),
    event_type: z.literal('form_response'),
    form_response: z.looseObject({
      form_id: z.string().optional(),
      token: z.string().optional(),
      submitted_at: z.string().optional(),
      hidden: z.record(z.string(), z.string()).optional().describe('Hidden fields, UTM tags among them.'),
      answers: z
        .array(
          z
            .looseObject({
              type: z.string().describe('The answer type; the value is the member of that name.'),
              field: z.looseObject({ id: z.string(), type: z.string(), ref: z.string() }),
            })
            .describe('`{type: "email", email: "…"}`, `{type: "choice", choice: {label}}`, …'),
        )
        .optional(),
    }),
  })
  .meta({
    id: 'TypeformWebhookRequest',
    description:
      "A Typeform webhook (`form_response`), signed with `Typeform-Signature`; fields by the answer's `ref`.",
  });

export const TallyWebhook = z
  .looseObject({
    eventId: z.string().describe('The delivery id: a repeat answers as the first time.'),
    eventType: z.literal('FORM_RESPONSE'),
    createdAt: z.string().optional(),
    data: z.looseObject({
      responseId: z.string().optional(),
      formId: z.string().optional(),
      fields: z.array(
        z.looseObject({
          key: z.string(),
          label: z.string().optional(),
          type: z.string(),
          value: z.unknown(),
          options: z
            .array(z.looseObject({ id: z.string(), text: z.string() }))
            .optional()
            .describe('Choices: `value` holds option ids; the lead gets their text.'),
        }),
      ),
    }),
  })
  .meta({
    id: 'TallyWebhookRequest',
    description: 'A Tally webhook (`FORM_RESPONSE`), signed with `Tally-Signature`; fields by key or label.',
  });

export const IntakeJson = z.union([FormFields, TypeformWebhook, TallyWebhook]).meta({
  id: 'SubmitFormRequest',
  description:
    "One of the three, by the form's `provider`: plain fields (`standard`, and every browser post), Typeform's or Tally's payload.",
});

/** The signature headers, by provider, as optional header parameters. */
export const INTAKE_SIGNATURE_HEADERS: Record<string, string> = {
  'webhook-id': 'Standard Webhooks: the delivery id (a repeat answers as the first time).',
  'webhook-timestamp': 'Standard Webhooks: seconds since the epoch; refused when too far from now (replay protection).',
  'webhook-signature':
    'Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the form secret.',
  'Typeform-Signature': 'Typeform: `sha256=<base64 HMAC-SHA256>` of the body with the form secret.',
  'Tally-Signature': 'Tally: `<base64 HMAC-SHA256>` of the body with the form secret.',
};
