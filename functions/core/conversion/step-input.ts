import * as z from 'zod';
import { idPattern } from '#core/ids';
import { ENTITIES } from '#core/records/entities';
import { FIELD_TYPES } from '#core/records/field-definition';
import { ROLES, type Tenant, type TenantCaller } from '#core/tenancy/caller';
import type { Conversion } from '#core/conversion/conversion';
import { DUPLICATE_POLICIES, FIELD_POLICIES, TARGETS, type ConvertRequest } from '#core/conversion/request';
import type { ConversionDraft, ConversionRun } from '#core/conversion/run';

// What the lead-conversion workflow hands each step (statemachines/lead-conversion.asl.json), parsed
// at the task edge (functions/tasks/conversion-tasks.ts) as a route parses a body: a step gets typed
// input or never runs. Each schema is typed by the interface the steps take, so the compiler keeps
// the two alike. Objects are loose: a Task state may pass on more (`committed`, `carryFailure`),
// and what a step does not read travels on untouched.

const id = (prefix: Parameters<typeof idPattern>[0], what: string) =>
  z.string().regex(idPattern(prefix), `must be ${what}`);

// The caller's tenant as authentication read it from its item, as it is stored: tenants made before a
// field existed lack it (seats, name), so only what the steps read is checked: its id, and the
// schemaVersion that keys the custom-field cache (absent until the first schema change).
const TenantIn = z.custom<Tenant>((v) => {
  if (typeof v !== 'object' || v === null) return false;
  const { id, schemaVersion } = v as { id?: unknown; schemaVersion?: unknown };
  return idPattern('ten').test(String(id)) && (schemaVersion === undefined || Number.isInteger(schemaVersion));
}, "must be the caller's tenant (its tenant id, a whole schemaVersion if any)");

const CallerIn: z.ZodType<TenantCaller> = z.looseObject({
  kind: z.literal('tenant'),
  tenant: TenantIn,
  tenantId: id('ten', 'a tenant id'),
  userId: z.string().min(1),
  role: z.enum(ROLES),
  keyId: z.string().min(1),
});

const RecordIn = z.looseObject({
  ownerId: z.string().nullable().optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
});
const TargetIn = z.union([z.object({ create: RecordIn }), z.object({ existingId: z.string().min(1) })]);

const RequestIn: z.ZodType<ConvertRequest> = z.object({
  outcome: z.enum(['converted', 'junk']),
  reason: z.string().optional(),
  contact: TargetIn.optional(),
  company: TargetIn.optional(),
  deal: z.object({ create: RecordIn }).optional(),
  onDuplicate: z.enum(DUPLICATE_POLICIES),
  fieldPolicy: z.enum(FIELD_POLICIES),
  dryRun: z.boolean(),
  createMissingFields: z.boolean(),
});

const RUN = {
  conversionId: id('cnv', 'a conversion id'),
  leadId: id('lead', 'a lead id'),
  caller: CallerIn,
  request: RequestIn,
  idempotency: z
    .object({ keyHash: z.string(), requestHash: z.string(), legacyRequestHash: z.string().optional() })
    .optional(),
};
export const ConversionRunIn: z.ZodType<ConversionRun> = z.looseObject(RUN);

// A conversion the commit wrote (or a replay found): the product's own item, checked by its ids.
const ConversionIn = z.custom<Conversion>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    idPattern('cnv').test(String((v as { id?: unknown }).id)) &&
    idPattern('lead').test(String((v as { leadId?: unknown }).leadId)),
  'must be a conversion',
);

const Target = z.enum(TARGETS);
const TargetPlanIn = z.object({
  action: z.enum(['create', 'link']),
  values: RecordIn,
  existingId: z.string().optional(),
  linkedBecause: z.enum(['existingId', 'duplicate']).optional(),
});

const DRAFT = {
  ...RUN,
  replay: ConversionIn.optional(),
  leadVersion: z.number().int().min(0),
  targets: z.object({
    company: TargetPlanIn.optional(),
    contact: TargetPlanIn.optional(),
    deal: TargetPlanIn.optional(),
  }),
  unmapped: z.array(z.object({ field: z.string(), target: z.enum(ENTITIES).optional(), reason: z.string() })),
  fieldsToCreate: z.array(
    z.object({
      entity: Target,
      name: z.string(),
      label: z.string(),
      type: z.enum(FIELD_TYPES),
      options: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
      multiple: z.boolean().optional(),
      from: z.string(),
    }),
  ),
  missing: z.array(z.object({ path: z.string(), label: z.string(), type: z.string() })),
  duplicates: z.array(
    z.object({
      target: z.enum(['contact', 'company']),
      id: z.string(),
      matchedOn: z.enum(['email', 'phone', 'taxId', 'name']),
      value: z.string(),
      name: z.string(),
    }),
  ),
};
export const ConversionDraftIn: z.ZodType<ConversionDraft> = z.looseObject(DRAFT);

/** The carry step's draft: the commit put the conversion it wrote under `committed.value`. */
export const CommittedDraftIn: z.ZodType<ConversionDraft & { committed: { value: Conversion } }> = z.looseObject({
  ...DRAFT,
  committed: z.looseObject({ value: ConversionIn }),
});
