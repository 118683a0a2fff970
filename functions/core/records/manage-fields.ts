import { DomainError, invalid, notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import { BUILT_IN_FIELDS, builtInField, builtInSetting, requiredBuiltIns } from '#core/records/built-in-fields';
import { customValue } from '#core/records/custom-values';
import type { Entity } from '#core/records/entities';
import type { FieldDefinition, FieldType, ListOption } from '#core/records/field-definition';
import type { RecordsDeps } from '#core/records/ports';
import { schemaOf } from '#core/records/schema-access';
import { standardFieldNames } from '#core/records/standard-fields';
import type { TenantCaller } from '#core/tenancy/caller';

export interface FieldInput {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  default?: unknown;
  options?: Array<{ id?: string; label: string }>;
  multiple?: boolean;
}

export type FieldPatch = Partial<Pick<FieldInput, 'label' | 'required' | 'default' | 'options'>>;

function buildOptions(
  type: FieldType,
  input: FieldInput['options'],
  existing: ListOption[] = [],
): ListOption[] | undefined {
  if (type !== 'list') {
    if (input?.length)
      invalid('Only list fields have options.', [{ path: 'options', message: 'allowed only for type list' }]);
    return undefined;
  }
  if (!input?.length)
    invalid('A list field needs options.', [{ path: 'options', message: 'needs at least one option' }]);
  const known = new Set(existing.map((o) => o.id));
  const errors = input!.flatMap((o, i) =>
    o.id && !known.has(o.id)
      ? [{ path: `options.${i}.id`, message: 'is not an option of this field; omit it to add one' }]
      : [],
  );
  if (errors.length) invalid('The options are invalid.', errors);
  return input!.map((o) => ({ id: o.id ?? newId('opt'), label: o.label }));
}

function checkDefault(field: FieldDefinition): void {
  if (field.default === undefined || field.default === null) return;
  const errors: Array<{ path: string; message: string }> = [];
  field.default = customValue(field, field.default, 'default', errors);
  if (errors.length) invalid('The default does not fit the field.', errors);
}

export const listFields = async (deps: RecordsDeps, caller: TenantCaller, entity: Entity) =>
  (await schemaOf(deps, caller)).fields.filter((f) => f.entity === entity);

/** A built-in field as the fields list shows it: no id, and whether the product or the tenant requires it. */
export interface BuiltInFieldView {
  id: null;
  entity: Entity;
  name: string;
  label: string;
  type: string;
  required: boolean;
  builtIn: true;
}

/** Built-in fields first (with their `required` flag), then the custom ones. */
export async function listAllFields(deps: RecordsDeps, caller: TenantCaller, entity: Entity) {
  const schema = await schemaOf(deps, caller);
  const required = new Set(requiredBuiltIns(schema, entity));
  const builtIns: BuiltInFieldView[] = BUILT_IN_FIELDS[entity].map((b) => ({
    id: null,
    entity,
    ...b,
    required: required.has(b.name),
    builtIn: true,
  }));
  return [...builtIns, ...schema.fields.filter((f) => f.entity === entity).map((f) => ({ ...f, builtIn: false }))];
}

/** `PATCH /v1/fields/{entity}/{builtInName}`: require (or stop requiring) an optional built-in field. */
export async function updateBuiltInField(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  name: string,
  patch: FieldPatch,
): Promise<BuiltInFieldView> {
  const field = builtInField(entity, name) ?? notFound(`${entity} field`, name, 'named');
  const setting = builtInSetting(entity, name, patch as Record<string, unknown>, now());
  await deps.schema.putBuiltIn(caller.tenantId, setting);
  return { id: null, entity, ...field, required: setting.required, builtIn: true };
}

async function findField(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  name: string,
): Promise<FieldDefinition> {
  return (
    (await listFields(deps, caller, entity)).find((f) => f.name === name) ?? notFound(`${entity} field`, name, 'named')
  );
}

export async function createField(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  input: FieldInput,
): Promise<FieldDefinition> {
  if (standardFieldNames(entity).includes(input.name) || ['ownerId', 'customFields', 'id'].includes(input.name)) {
    invalid(`"${input.name}" is a built-in ${entity} field.`, [{ path: 'name', message: 'is a built-in field name' }]);
  }
  if ((await listFields(deps, caller, entity)).some((f) => f.name === input.name))
    throw new DomainError('CONFLICT', `A ${entity} field named ${input.name} exists.`);
  if (input.multiple && input.type !== 'list')
    invalid('Only list fields can be multiple.', [{ path: 'multiple', message: 'allowed only for type list' }]);
  const at = now();
  const field: FieldDefinition = {
    id: newId('fld'),
    entity,
    name: input.name,
    label: input.label,
    type: input.type,
    required: input.required ?? false,
    ...(input.type === 'list' ? { multiple: input.multiple ?? false } : {}),
    options: buildOptions(input.type, input.options),
    default: input.default ?? undefined,
    createdAt: at,
    updatedAt: at,
  };
  checkDefault(field);
  await deps.schema.putField(caller.tenantId, field);
  return field;
}

export async function updateField(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  name: string,
  patch: FieldPatch,
): Promise<FieldDefinition> {
  const current = await findField(deps, caller, entity, name);
  const next: FieldDefinition = {
    ...current,
    label: patch.label ?? current.label,
    required: patch.required ?? current.required,
    default: patch.default === null ? undefined : (patch.default ?? current.default),
    options: patch.options ? buildOptions(current.type, patch.options, current.options) : current.options,
    updatedAt: now(),
  };
  checkDefault(next);
  await deps.schema.putField(caller.tenantId, next, current.updatedAt);
  if (patch.options) await syncLinkedOptions(deps, caller, next);
  return next;
}

/**
 * A list field a lead conversion created stays linked to the lead's field (Bitrix24's behaviour):
 * adding, renaming or removing an option on one does the same on the other. They share option ids,
 * so converted values keep their meaning on both sides.
 */
async function syncLinkedOptions(deps: RecordsDeps, caller: TenantCaller, field: FieldDefinition): Promise<void> {
  if (field.type !== 'list' || !field.linkedFields?.length) return;
  const fields = await deps.schema.load(caller.tenantId, undefined);
  for (const link of field.linkedFields) {
    const partner = fields.fields.find((f) => f.entity === link.entity && f.name === link.name);
    if (!partner || partner.type !== 'list') continue;
    await deps.schema.putField(
      caller.tenantId,
      { ...partner, options: field.options, updatedAt: now() },
      partner.updatedAt,
    );
  }
}

export async function deleteField(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  name: string,
): Promise<void> {
  if (builtInField(entity, name))
    invalid(`${name} is a built-in ${entity} field; it cannot be removed (only stop requiring it).`);
  const field = await findField(deps, caller, entity, name);
  await deps.schema.deleteField(caller.tenantId, field);
  // Its partners stop following it: a later field of the same name starts unlinked.
  const { fields } = await deps.schema.load(caller.tenantId, undefined);
  for (const link of field.linkedFields ?? []) {
    const partner = fields.find((f) => f.entity === link.entity && f.name === link.name);
    const linkedFields = partner?.linkedFields?.filter((l) => l.entity !== entity || l.name !== name);
    if (partner)
      await deps.schema.putField(caller.tenantId, { ...partner, linkedFields, updatedAt: now() }, partner.updatedAt);
  }
}
