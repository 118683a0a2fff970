import * as z from 'zod';
import { PROVIDERS } from '#core/intake/form';
import { SUBMISSION_STATUSES } from '#core/intake/submission';
import { Ref } from '#core/records/standard-fields';
import { PageQuery, Timestamp } from '#http/schemas/common';

const Url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048);
const Origin = z
  .string()
  .regex(/^https?:\/\/[^/\s?#]+$/, 'must be an origin like https://example.com (scheme and host, no path)');
const Name = z.string().trim().min(1).max(100);

const RateLimits = z
  .strictObject({
    perFormPerMinute: z.number().int().min(1).max(5000),
    perIpPerMinute: z.number().int().min(1).max(5000),
  })
  .meta({ id: 'FormRateLimits', description: 'Submissions per minute, per form and per client IP; over them 429.' });

const Answer = z.string().min(1).max(200);
const MappingEntry = z
  .strictObject({
    field: Name.describe('Lead field or lead custom field name.'),
    values: z
      .record(Answer, Answer)
      .refine((v) => Object.keys(v).length <= 500, 'at most 500 answers')
      .optional()
      .describe(
        'Submitted answer (exact, else ignoring case) → the value the lead gets; for a list field an option label or id. Answers not named pass as sent.',
      ),
  })
  .meta({
    id: 'FormMappingEntry',
    description: 'A mapping that also translates answers: `{"field": "plan", "values": {"Pro plan": "Pro"}}`.',
  });

const settings = {
  name: z.string().trim().min(1).max(200),
  provider: z.enum(PROVIDERS).describe('Who signs the submissions: Standard Webhooks, Typeform or Tally.'),
  mapping: z
    .record(z.string().min(1).max(200), z.union([Name, MappingEntry]))
    .describe(
      "Submitted field (Typeform `ref`, Tally `key` or `label`) → lead field or lead custom field name, or `{field, values}` to translate answers too. List fields take option labels or ids; an answer no option matches is left out of the lead, kept on its timeline (`intake_unmapped`) and listed in the submission's `warnings`.",
    ),
  fixedValues: z
    .record(Name, z.unknown())
    .describe('Lead values every submission gets: `source`, `stageId`, `ownerId`, custom fields.'),
  titleTemplate: z.string().trim().min(1).max(300).describe('`{field}` placeholders; default `<form name>: {name}`.'),
  requiredFields: z.array(Name).max(100).describe('Lead fields that must not be empty.'),
  allowedOrigins: z
    .array(Origin)
    .max(50)
    .describe('Origins browsers may post from unsigned; empty refuses browser posts.'),
  thankYouUrl: Url.describe('Where a browser that wants a page is sent (303) after a submission.'),
  errorUrl: Url.describe(
    'Where a browser that wants a page is sent (303) when a submission is refused, with `error` and `fields`.',
  ),
  honeypotField: Name.describe('A hidden field people leave empty; filled, the submission is stored as spam.'),
  dedupeWindowSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600),
  enabled: z.boolean(),
  rateLimits: RateLimits,
};

export const FormCreate = z.strictObject({
  name: settings.name,
  provider: settings.provider,
  mapping: settings.mapping.optional(),
  fixedValues: settings.fixedValues.optional(),
  titleTemplate: settings.titleTemplate.optional(),
  requiredFields: settings.requiredFields.optional(),
  allowedOrigins: settings.allowedOrigins.optional(),
  thankYouUrl: settings.thankYouUrl.optional(),
  errorUrl: settings.errorUrl.optional(),
  honeypotField: settings.honeypotField.optional(),
  dedupeWindowSeconds: settings.dedupeWindowSeconds.optional(),
  enabled: settings.enabled.optional(),
  rateLimits: settings.rateLimits.optional(),
});

export const FormPatchIn = z.strictObject({
  name: settings.name.optional(),
  provider: settings.provider.optional(),
  mapping: settings.mapping.optional(),
  fixedValues: settings.fixedValues.optional(),
  titleTemplate: settings.titleTemplate.nullable().optional(),
  requiredFields: settings.requiredFields.optional(),
  allowedOrigins: settings.allowedOrigins.optional(),
  thankYouUrl: settings.thankYouUrl.nullable().optional(),
  errorUrl: settings.errorUrl.nullable().optional(),
  honeypotField: settings.honeypotField.nullable().optional(),
  dedupeWindowSeconds: settings.dedupeWindowSeconds.optional(),
  enabled: settings.enabled.optional(),
  rateLimits: settings.rateLimits.optional(),
});

export const FormOut = z
  .object({
    id: z.string(),
    name: z.string(),
    provider: z.enum(PROVIDERS),
    mapping: z.record(z.string(), z.union([z.string(), MappingEntry])),
    fixedValues: z.record(z.string(), z.unknown()),
    titleTemplate: z.string().optional(),
    requiredFields: z.array(z.string()),
    allowedOrigins: z.array(z.string()),
    thankYouUrl: z.string().optional(),
    errorUrl: z.string().optional(),
    honeypotField: z.string().optional(),
    dedupeWindowSeconds: z.number().int(),
    enabled: z.boolean(),
    rateLimits: RateLimits,
    intakeUrl: z.string().describe('Where the form posts: no API key, signed or from an allowed origin.'),
    secretCreatedAt: Timestamp,
    previousSecretExpiresAt: Timestamp.nullable().describe('Until then the previous secret still verifies.'),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Form' });

export const CreatedForm = FormOut.extend({
  secret: z
    .string()
    .optional()
    .describe('`whsec_` + base64: shown only in this answer (not in an Idempotency-Key replay).'),
}).meta({ id: 'FormWithSecret' });

const RefOut = z.object({ entity: z.enum(['lead', 'contact']), id: z.string() });

const IntakeWarning = z
  .object({
    path: z.string().describe('The submitted field (the lead field, for a fixed value).'),
    message: z.string(),
    field: z.string().describe('The lead field the answer was meant for.'),
    answer: z.unknown().describe('The answer as submitted.'),
  })
  .meta({ id: 'IntakeWarning', description: 'An answer the lead could not take; its timeline keeps it.' });

export const SubmissionOut = z
  .object({
    id: z.string(),
    formId: z.string(),
    status: z.enum(SUBMISSION_STATUSES),
    reason: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    warnings: z
      .array(IntakeWarning)
      .optional()
      .describe(
        'Answers the lead could not take (a list answer no option matches): the lead was created without them and its timeline keeps them (`intake_unmapped`).',
      ),
    leadId: z.string().nullable().describe("The lead it created (a duplicate: the first one's lead)."),
    repeatOf: RefOut.optional(),
    duplicateOf: z.string().optional(),
    eventId: z.string().optional().describe("The sender's delivery id: webhook-id, event_id or eventId."),
    channel: z.enum(['signed', 'browser']),
    fields: z.record(z.string(), z.unknown()).describe('The fields as submitted.'),
    utm: z.record(z.string(), z.string()),
    referrer: z.string().optional(),
    userAgent: z.string().optional(),
    ipHash: z.string().describe('The client IP, hashed with the tenant id.'),
    receivedAt: Timestamp,
    releasedAt: Timestamp.optional(),
    releasedBy: z.string().optional(),
  })
  .meta({ id: 'Submission' });

export const IntakeAnswer = z
  .object({
    submissionId: z.string(),
    leadId: z.string().nullable().describe('null while quarantined'),
    status: z
      .enum(['accepted', 'repeat', 'duplicate', 'quarantined'])
      .describe(
        '`repeat` (the email or phone is known) only to signed senders; a browser post is told `accepted` either way.',
      ),
    warnings: z
      .array(IntakeWarning)
      .optional()
      .describe(
        'Signed senders only: answers the lead could not take (a list answer no option matches), also in the submission log.',
      ),
  })
  .meta({ id: 'IntakeAnswer' });

export const IntakeParams = z.strictObject({ tenantId: Ref('ten'), formId: Ref('frm') });
export const IntakeQuery = z.looseObject(
  Object.fromEntries(
    ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'].map((k) => [
      k,
      z.string().max(200).optional(),
    ]),
  ),
);
export const SubmissionParams = z.strictObject({ id: Ref('frm'), sid: Ref('sub') });
export const SubmissionQuery = PageQuery.extend({ status: z.enum(SUBMISSION_STATUSES).optional() });
