import * as z from 'zod';
import { PLANS, ROLES, TENANT_STATUSES } from '#core/tenancy/caller';
import { USER_ID } from '#core/tenancy/user';
import { Name, Problem, Timestamp } from '#http/schemas/common';
import { MailSettingsSchema, TenantProfileSchema } from '#http/tenancy/tenant-settings';
import { ActorSchema } from '#http/schemas/actor';

export const TenantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    plan: z.enum(PLANS),
    seats: z.number().int(),
    status: z.enum(TENANT_STATUSES),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    schemaVersion: z
      .number()
      .int()
      .optional()
      .describe('Bumped by every change to custom fields or pipelines: a client may cache them by it.'),
    activeUsers: z
      .number()
      .int()
      .optional()
      .describe('Users with an unrevoked key; a key for a user not yet active needs one of the `seats`.'),
    profile: TenantProfileSchema.optional(),
    mailSettings: MailSettingsSchema.optional(),
    acceptedWords: z.array(z.string()).optional().describe('Words the template spelling check accepts.'),
    approvalLinkTemplate: z
      .string()
      .optional()
      .describe(
        "Where approval task emails link (the tenant's own app, `{taskId}` filled in); absent: the approver's page.",
      ),
    acceptanceStageId: z.string().optional().describe("The deal stage accepted offers move the document's deals to."),
  })
  .meta({ id: 'Tenant' });

export const NewTenantBody = z.strictObject({
  name: Name,
  plan: z.enum(PLANS).default('free'),
  seats: z.number().int().min(1).max(100_000).default(1),
});

export const TenantPatchBody = z
  .strictObject({
    name: Name.optional(),
    plan: z.enum(PLANS).optional(),
    seats: z.number().int().min(1).max(100_000).optional(),
    status: z.enum(TENANT_STATUSES).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one of name, plan, seats, status.' });

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    userId: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp.optional(),
    revokedAt: Timestamp.optional(),
    issuedBy: ActorSchema.optional().describe('Who issued the key (absent on keys issued before this was kept).'),
  })
  .meta({ id: 'ApiKey', description: 'An API key, never its secret.' });

// Secrets are stored nowhere, so an idempotent replay of a creation cannot return one: optional, not a second shape.
export const ApiKeyWithSecret = ApiKeySchema.extend({
  secret: z
    .string()
    .optional()
    .describe(
      'The bearer key, shown once on the first response; absent on an idempotent replay (`Idempotent-Replayed: true`).',
    ),
}).meta({ id: 'CreatedApiKey', description: 'A new API key with its secret.' });

export const UserProfileBody = z.strictObject({
  name: Name.optional(),
  email: z.email({ message: 'must be an email address' }).max(254).optional(),
});

export const NewApiKeyBody = z.strictObject({
  name: Name,
  role: z.enum(ROLES),
  userId: z
    .string()
    .regex(USER_ID, 'must be 1-128 letters, digits or ._@+-')
    .optional()
    .describe('The user the key acts for: an existing user gets one more key; absent, a new `usr_` user is made.'),
  user: UserProfileBody.optional().describe("Sets or changes the user's name and email."),
  expiresAt: z.iso
    .datetime({ offset: true, message: 'must be a date-time with a zone, like 2027-06-30T12:00:00Z' })
    .transform((v) => new Date(v).toISOString())
    .optional()
    .describe('When the key stops working (optional): an instant in the future, at most 10 years from now.'),
});

export const CreatedTenant = z.object({ tenant: TenantSchema, apiKey: ApiKeyWithSecret }).meta({ id: 'CreatedTenant' });

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    at: Timestamp,
    by: z.string().describe('The user id, or `platform-admin` (see `actor`).'),
    actor: ActorSchema,
    changes: z
      .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
      .describe(
        'Changed properties by name: name, plan, seats, status (platform admin); name (owner), profile, mailSettings, acceptedWords, acceptanceStageId (tenant).',
      ),
  })
  .meta({ id: 'AuditEntry' });

export const SeatsProblem = Problem.extend({
  code: z.literal('CONFLICT'),
  seats: z.number().int(),
  activeUsers: z.number().int(),
}).meta({
  id: 'SeatsProblem',
  description: "409 when a key would add an active user past the tenant's seats: the figures at that moment.",
});
