import * as z from 'zod';
import { bound, checkRange, PageQuery, Timestamp } from '#http/schemas/common';
import { ENTITIES, ENTITY, type Entity } from '#core/records/entities';
import type { ListFilter } from '#core/records/list-dimensions';
import { FIELD_TYPES } from '#core/records/field-definition';
import { OwnerId, Email, Phone, Ref } from '#core/records/standard-fields';
import { normalizeTaxId } from '#core/records/normalize';

/** List filters per entity; only the filters an entity has are accepted. */
export function listQuery(entity: Entity) {
  const { listFilters, lookups } = ENTITY[entity];
  const filter = (d: ListFilter) => listFilters.includes(d);
  const lookup = (l: (typeof lookups)[number]) => lookups.includes(l);
  return PageQuery.extend({
    sort: z.enum(['created', 'updated']).optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    ownerId: OwnerId.optional(),
    ...(filter('stage') ? { stageId: Ref('stg').optional() } : {}),
    ...(filter('pipeline') ? { pipelineId: Ref('pipe').optional() } : {}),
    ...(filter('company') ? { companyId: Ref('com').optional() } : {}),
    ...(filter('source')
      ? { source: z.string().trim().min(1).max(100).optional().describe('Exact, case-insensitive.') }
      : {}),
    createdFrom: bound(false).optional(),
    createdTo: bound(true).optional(),
    updatedFrom: bound(false).optional(),
    updatedTo: bound(true).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    ...(lookup('email') ? { email: Email.optional() } : {}),
    ...(lookup('phone') ? { phone: Phone.optional() } : {}),
    ...(lookup('taxId') ? { taxId: z.string().trim().min(1).max(50).transform(normalizeTaxId).optional() } : {}),
  }).superRefine((q, ctx) => {
    const created = q.createdFrom || q.createdTo;
    const updated = q.updatedFrom || q.updatedTo;
    if (created && updated)
      ctx.addIssue({
        code: 'custom',
        path: ['updatedFrom'],
        message: 'filter by created or by updated time, not both',
      });
    if ((created && q.sort === 'updated') || (updated && q.sort === 'created'))
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'must match the time range filtered on' });
    checkRange(q, ctx, 'createdFrom', 'createdTo');
    checkRange(q, ctx, 'updatedFrom', 'updatedTo');
  });
}

const OptionIn = z.strictObject({ id: Ref('opt').optional(), label: z.string().trim().min(1).max(200) });

export const FieldIn = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must start with a-z and hold only a-z, 0-9, _ (max 64)'),
  label: z.string().trim().min(1).max(200),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  options: z.array(OptionIn).max(500).optional(),
  multiple: z.boolean().optional(),
});

export const FieldPatchIn = z
  .strictObject({
    label: z.string().trim().min(1).max(200).optional(),
    required: z.boolean().optional(),
    default: z.unknown().optional(),
    options: z.array(OptionIn).min(1).max(500).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Change at least one of label, required, default, options.' });

export const FieldOut = z
  .object({
    id: z.string(),
    entity: z.enum(ENTITIES),
    name: z.string(),
    label: z.string(),
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    default: z.unknown().optional().describe('Filled in on create when the value is absent.'),
    options: z
      .array(z.object({ id: z.string(), label: z.string() }))
      .optional()
      .describe('The options of a list field.'),
    multiple: z.boolean().optional().describe('A list field holding several options.'),
    builtIn: z.literal(false),
    linkedFields: z
      .array(z.object({ entity: z.enum(ENTITIES), name: z.string() }))
      .optional()
      .describe('List fields kept in step with this one (created by a lead conversion): option changes apply to all.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Field', description: 'A custom field of one entity.' });

export const BuiltInFieldOut = z
  .object({
    id: z.null(),
    entity: z.enum(ENTITIES),
    name: z.string(),
    label: z.string(),
    type: z.string(),
    required: z.boolean().describe('Required by the product, or by the tenant (PATCH `{required: true}`).'),
    builtIn: z.literal(true),
  })
  .meta({ id: 'BuiltInField', description: 'A built-in field of one entity.' });

const StageIn = z.strictObject({
  id: Ref('stg').optional(),
  name: z.string().trim().min(1).max(100),
  semantics: z.string(),
});

export const PipelineIn = z.strictObject({
  entity: z.enum(['deal', 'lead']),
  name: z.string().trim().min(1).max(200),
  stages: z.array(StageIn).min(1).max(50),
});
export const PipelinePatchIn = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  stages: z.array(StageIn).min(1).max(50).optional(),
});
export const PipelineOut = z
  .object({
    id: z.string(),
    entity: z.enum(['deal', 'lead']),
    name: z.string(),
    isDefault: z.boolean(),
    stages: z.array(z.object({ id: z.string(), name: z.string(), semantics: z.string() })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Pipeline', description: 'A pipeline ("direction") with its ordered stages.' });
