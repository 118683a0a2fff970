import { DomainError, type FieldError } from '#core/errors';
import { customValue, presentValue } from '#core/records/custom-values';
import type { FieldDefinition } from '#core/records/field-definition';

export type StoredCustomValues = Record<string, unknown>;

/**
 * Turns `{name: value}` from a client into `{fieldId: value}` to store, validating every value.
 * On create, defaults fill absent fields and every missing required field is reported at once.
 */
export function applyCustomFields(
  fields: FieldDefinition[],
  input: Record<string, unknown> | undefined,
  current: StoredCustomValues | undefined,
  /** Names not checked for being required: intake leaves out an answer no option matches, and keeps the lead. */
  unchecked: ReadonlySet<string> = new Set(),
): StoredCustomValues {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const errors: FieldError[] = [];
  const next: StoredCustomValues = { ...(current ?? {}) };
  for (const [name, value] of Object.entries(input ?? {})) {
    const field = byName.get(name);
    const path = `customFields.${name}`;
    if (!field) {
      errors.push({ path, message: 'There is no such custom field.' });
      continue;
    }
    if (value === null) {
      delete next[field.id];
      continue;
    }
    const stored = customValue(field, value, path, errors);
    if (stored !== undefined) next[field.id] = stored;
  }
  for (const field of fields) {
    if (!current && next[field.id] === undefined && field.default !== undefined) next[field.id] = field.default;
    // A field made required later does not block edits of older records, only clearing it does.
    const checked = (!current || (input && field.name in input)) && !unchecked.has(field.name);
    if (
      checked &&
      field.required &&
      (next[field.id] === undefined || (Array.isArray(next[field.id]) && (next[field.id] as unknown[]).length === 0))
    ) {
      if (!errors.some((e) => e.path === `customFields.${field.name}`))
        errors.push({ path: `customFields.${field.name}`, message: 'Required.' });
    }
  }
  if (errors.length) throw new DomainError('VALIDATION', 'Some custom fields are missing or invalid.', errors);
  return next;
}

/** `{fieldId: value}` → `{name: shown value}`, for live fields only: a removed field's values are hidden. */
export function presentCustomFields(
  fields: FieldDefinition[],
  stored: StoredCustomValues | undefined,
): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of fields) {
    if (stored?.[field.id] !== undefined) shown[field.name] = presentValue(field, stored[field.id]);
  }
  return shown;
}
