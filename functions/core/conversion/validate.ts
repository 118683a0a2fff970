import { DomainError, type FieldError } from '#core/errors';
import { assertCanAssign } from '#core/records/access';
import { builtInField, isEmptyValue, requiredBuiltIns } from '#core/records/built-in-fields';
import { composeCustom, composeFields, type RecordInput } from '#core/records/compose';
import { ENTITY } from '#core/records/entities';
import type { FieldDefinition } from '#core/records/field-definition';
import type { TenantRecordSchema } from '#core/records/ports';
import { schemaOf } from '#core/records/schema-access';
import { requiredFieldsMissing } from '#core/conversion/errors';
import type { FieldToCreate } from '#core/conversion/map-lead';
import type { ConversionDeps } from '#core/conversion/ports';
import { TARGETS, type Target } from '#core/conversion/request';
import type { ConversionDraft } from '#core/conversion/run';

type Missing = ConversionDraft['missing'][number];

/** The schema with the fields this conversion would create, so their values validate like any other. */
export function withPlannedFields(schema: TenantRecordSchema, planned: FieldToCreate[]): TenantRecordSchema {
  const at = new Date(0).toISOString();
  const extra: FieldDefinition[] = planned
    .filter((p) => !schema.fields.some((f) => f.entity === p.entity && f.name === p.name))
    .map((p) => ({
      id: `planned:${p.entity}:${p.name}`,
      entity: p.entity,
      name: p.name,
      label: p.label,
      type: p.type,
      required: false,
      ...(p.options ? { options: p.options, multiple: p.multiple } : {}),
      createdAt: at,
      updatedAt: at,
    }));
  return { ...schema, fields: [...schema.fields, ...extra] };
}

/** Every required field (built-in and custom) a new `target` record would lack. */
export function missingFields(schema: TenantRecordSchema, target: Target, values: RecordInput): Missing[] {
  const missing: Missing[] = [];
  for (const name of requiredBuiltIns(schema, target)) {
    if (!isEmptyValue(values[name])) continue;
    const field = builtInField(target, name);
    missing.push({ path: `${target}.${name}`, label: field?.label ?? name, type: field?.type ?? 'string' });
  }
  const oneOf = ENTITY[target].requireOneOf;
  if (oneOf && oneOf.every((name) => isEmptyValue(values[name]))) {
    const labels = oneOf.map((n) => builtInField(target, n)?.label ?? n);
    missing.push({ path: `${target}.${oneOf[0]}`, label: labels.join(' or '), type: 'string' });
  }
  const custom = values.customFields ?? {};
  for (const field of schema.fields.filter((f) => f.entity === target && f.required)) {
    if (isEmptyValue(custom[field.name]) && field.default === undefined)
      missing.push({ path: `${target}.customFields.${field.name}`, label: field.label, type: field.type });
  }
  return missing;
}

/** Builds the new record's fields as a create would, reporting problems under `<target>.create.`. */
export function composeNew(schema: TenantRecordSchema, target: Target, values: RecordInput) {
  try {
    return { fields: composeFields(target, schema, values), custom: composeCustom(target, schema, values) };
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'VALIDATION') throw e;
    const errors: FieldError[] = e.errors.map((err) => ({ ...err, path: `${target}.create.${err.path}` }));
    throw new DomainError('VALIDATION', e.message, errors.length ? errors : [{ path: target, message: e.message }]);
  }
}

/**
 * The validate step: every record to create must have all its required fields after mapping and
 * overrides (`400 REQUIRED_FIELDS_MISSING` naming target, field, label and type; a dry run lists
 * them), and its values must be valid (pipeline and stage of the deal included).
 */
export async function validateConversion(deps: ConversionDeps, draft: ConversionDraft): Promise<ConversionDraft> {
  if (draft.replay) return draft;
  const schema = withPlannedFields(await schemaOf(deps.records, draft.caller), draft.fieldsToCreate);
  const missing: Missing[] = [];
  for (const t of TARGETS) {
    const plan = draft.targets[t];
    if (plan?.action !== 'create') continue;
    if (plan.values.ownerId !== undefined) assertCanAssign(draft.caller, plan.values.ownerId ?? null);
    const gaps = missingFields(schema, t, plan.values);
    missing.push(...gaps);
    if (!gaps.length) composeNew(schema, t, plan.values);
  }
  if (missing.length && !draft.request.dryRun)
    requiredFieldsMissing(missing.map((m) => ({ ...m, message: 'Required.' })));
  return { ...draft, missing };
}
