import * as z from 'zod';
import { DUPLICATE_POLICIES, FIELD_POLICIES } from '#core/conversion/request';
import { ENTITIES } from '#core/records/entities';
import { FIELD_TYPES } from '#core/records/field-definition';
import { patchSchema, Ref } from '#core/records/standard-fields';
import { Problem, Timestamp } from '#http/schemas/common';

/** A target: `{create: {...overrides}}` (fields as in `POST /v1/<entity>`, null keeps a mapped value out) or `{existingId}`. */
function targetIn(entity: 'contact' | 'company', prefix: 'con' | 'com') {
  return z
    .strictObject({ create: patchSchema(entity).optional(), existingId: Ref(prefix).optional() })
    .refine((t) => (t.create === undefined) !== (t.existingId === undefined), {
      message: 'give either create or existingId',
    })
    .describe(`Create a ${entity} (overrides over the mapped values) or link an existing one.`);
}

export const ConvertIn = z
  .strictObject({
    outcome: z.enum(['converted', 'junk']).default('converted'),
    reason: z.string().trim().min(1).max(1000).optional().describe('Why the lead is junk.'),
    contact: targetIn('contact', 'con').optional(),
    company: targetIn('company', 'com').optional(),
    deal: z
      .strictObject({ create: patchSchema('deal') })
      .optional()
      .describe('Create a deal; `pipelineId` and `stageId` choose its pipeline ("direction") and stage.'),
    onDuplicate: z.enum(DUPLICATE_POLICIES).default('fail'),
    fieldPolicy: z.enum(FIELD_POLICIES).default('fill-empty'),
    dryRun: z.boolean().default(false),
    createMissingFields: z
      .boolean()
      .default(false)
      .describe('Admins: create lead custom fields a target lacks there (list fields stay linked to the lead field).'),
  })
  .superRefine((b, ctx) => {
    const targets = (['contact', 'company', 'deal'] as const).filter((t) => b[t] !== undefined);
    if (b.outcome === 'junk') {
      for (const t of targets) ctx.addIssue({ code: 'custom', path: [t], message: 'a junk lead becomes nothing' });
    } else {
      if (!targets.length)
        ctx.addIssue({ code: 'custom', path: [], message: 'needs at least one of contact, company, deal' });
      if (b.reason !== undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'only with outcome junk' });
    }
  });

const Ref_ = z.object({ entity: z.enum(ENTITIES), id: z.string() }).meta({ id: 'RecordRef' });
const Unmapped = z
  .object({ field: z.string(), target: z.enum(ENTITIES).optional(), reason: z.string() })
  .meta({ id: 'UnmappedValue', description: 'A lead value that reached no target (or lost options on one).' });

export const ConversionOut = z
  .object({
    id: z.string(),
    leadId: z.string(),
    outcome: z.enum(['converted', 'junk']),
    reason: z.string().optional(),
    contactId: z.string().nullable(),
    companyId: z.string().nullable(),
    dealId: z.string().nullable(),
    created: z.array(Ref_),
    linked: z.array(Ref_),
    filled: z
      .array(z.object({ entity: z.enum(ENTITIES), id: z.string(), fields: z.array(z.string()) }))
      .describe('Existing records the conversion changed, and which fields.'),
    unmapped: z.array(Unmapped),
    fieldsCreated: z.array(z.object({ entity: z.enum(ENTITIES), name: z.string() })),
    documents: z.array(z.string()).describe("The lead's documents now linked to the new records."),
    documentsPending: z
      .boolean()
      .describe(
        "True until the lead's documents are carried to the new records: the workflow does it right after the commit; if it failed or was cut off, converting again with the same Idempotency-Key finishes it, else a sweeper does within about 3 minutes.",
      ),
    at: Timestamp,
    by: z.string(),
    undoableUntil: Timestamp,
    undo: z.object({ at: Timestamp, by: z.string() }).nullable(),
  })
  .meta({ id: 'Conversion', description: 'What a lead became (or that it was junk), and whether it was undone.' });

export const ConversionPlanOut = z
  .object({
    dryRun: z.literal(true),
    leadId: z.string(),
    outcome: z.enum(['converted', 'junk']),
    targets: z.record(
      z.string(),
      z
        .object({
          action: z.enum(['create', 'link']),
          existingId: z.string().nullable(),
          linkedBecause: z.enum(['existingId', 'duplicate']).optional(),
          values: z.record(z.string(), z.unknown()).describe('Mapped values with the overrides over them.'),
        })
        .nullable(),
    ),
    fieldsToCreate: z.array(
      z.object({
        entity: z.enum(ENTITIES),
        name: z.string(),
        label: z.string(),
        type: z.enum(FIELD_TYPES),
        options: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
        multiple: z.boolean().optional(),
      }),
    ),
    unmapped: z.array(Unmapped),
    missing: z
      .array(z.object({ path: z.string(), label: z.string(), type: z.string() }))
      .describe('Required fields without a value: the conversion would answer 400 REQUIRED_FIELDS_MISSING.'),
    duplicates: z
      .array(
        z.object({
          target: z.enum(['contact', 'company']),
          id: z.string(),
          matchedOn: z.enum(['email', 'phone', 'taxId', 'name']),
          value: z.string(),
          name: z.string(),
        }),
      )
      .meta({ id: 'DuplicateCandidates' }),
  })
  .meta({ id: 'ConversionPlan', description: 'A dry run: what the conversion would do. Nothing was written.' });

const Candidates = ConversionPlanOut.shape.duplicates;

/** 409 on a conversion: the lead's existing conversion, or the duplicates found, or neither (a plain conflict). */
export const ConversionConflict = z.union([
  Problem.extend({ conversion: ConversionOut }).meta({ id: 'LeadConvertedProblem' }),
  Problem.extend({ candidates: Candidates }).meta({ id: 'DuplicatesProblem' }),
  Problem,
]);

const Rule = z.strictObject({
  lead: z.string().min(1).max(64).describe("The lead's custom field."),
  target: z.enum(['contact', 'company', 'deal']),
  field: z.string().min(1).max(64).nullable().describe("The target's custom field; null: never carry it there."),
  options: z.record(z.string(), Ref('opt')).optional().describe('Lead option id → target option id.'),
});
export const MappingIn = z.strictObject({ fields: z.array(Rule).max(500) });
export const MappingOut = z
  .object({
    fields: z.array(
      z.object({
        lead: z.string(),
        target: z.enum(['contact', 'company', 'deal']),
        field: z.string().nullable(),
        options: z.record(z.string(), z.string()).optional(),
      }),
    ),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ConversionMapping', description: 'How lead custom fields carry over; same-named fields need no rule.' });
