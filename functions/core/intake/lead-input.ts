import type { FieldError } from '#core/errors';
import { mappingTarget, type Form, type MappingEntry } from '#core/intake/form';
import type { FieldValue } from '#core/intake/payload';
import type { RecordInput } from '#core/records/compose';
import { folded } from '#core/records/custom-values';
import { parseInput } from '#core/validation';
import { createSchema, standardFieldNames } from '#core/records/standard-fields';

export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** Lead fields a form may fill: the built-in ones but `utm` (filled from utm_* fields) and the lead custom fields. */
export function leadTargets(customFieldNames: string[]): Set<string> {
  return new Set([...standardFieldNames('lead').filter((n) => n !== 'utm'), ...customFieldNames]);
}

const asText = (v: FieldValue): string => (Array.isArray(v) ? v.join(', ') : String(v));
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** `{name}` → the lead's or the submission's value of `name`. */
function fillTemplate(template: string, values: Record<string, unknown>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, name: string) => (isEmpty(values[name]) ? '' : asText(values[name] as FieldValue)))
    .replace(/\s+/g, ' ')
    .trim();
}

// An answer the entry's `values` names becomes its value there: exactly, else ignoring case (as labels match).
function translated(entry: string | MappingEntry, value: FieldValue): FieldValue {
  if (typeof entry === 'string' || !entry.values) return value;
  const values = entry.values;
  const lower = new Map(Object.entries(values).map(([k, v]) => [folded(k), v]));
  const one = (answer: string) =>
    Object.hasOwn(values, answer) ? values[answer] : (lower.get(folded(answer)) ?? answer);
  if (Array.isArray(value)) return value.map(one);
  return typeof value === 'string' ? one(value) : value;
}

export interface MappedLead {
  input: RecordInput;
  /** Lead field (or custom field) → the submitted name it came from, to report errors as the sender named them. */
  sources: Record<string, string>;
}

/** The lead a submission describes: mapped fields, then same-named ones, then the form's fixed values. */
export function mapSubmission(form: Form, fields: Record<string, FieldValue>, customFieldNames: string[]): MappedLead {
  const targets = leadTargets(customFieldNames);
  const custom = new Set(customFieldNames);
  const values: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  const set = (target: string, value: FieldValue, source: string) => {
    if (isEmpty(value) || target in values) return;
    // Built-in fields are text; a custom field takes the value as sent (a number, a list of options).
    values[target] =
      custom.has(target) || typeof value === 'number' || typeof value === 'boolean' ? value : asText(value);
    sources[target] = source;
  };
  for (const [source, entry] of Object.entries(form.mapping))
    if (source in fields) set(mappingTarget(entry), translated(entry, fields[source]), source);
  for (const [name, value] of Object.entries(fields))
    if (targets.has(name) && !(name in form.mapping)) set(name, value, name);
  for (const [target, value] of Object.entries(form.fixedValues)) {
    values[target] = value;
    delete sources[target];
  }
  const utm = Object.fromEntries(UTM_KEYS.filter((k) => !isEmpty(fields[k])).map((k) => [k, asText(fields[k])]));
  const title = fillTemplate(form.titleTemplate ?? `${form.name}: {name}`, { ...fields, ...values });
  const fallback = `${form.name}: ${asText((values.name ?? values.email ?? 'submission') as FieldValue)}`;
  const input: RecordInput = {
    title: title && !/:\s*$/.test(title) ? title : fallback,
    ownerId: null,
    ...(Object.keys(utm).length ? { utm } : {}),
  };
  const customFields: Record<string, unknown> = {};
  for (const [target, value] of Object.entries(values)) {
    if (custom.has(target)) customFields[target] = value;
    else input[target] = value;
  }
  if (Object.keys(customFields).length) input.customFields = customFields;
  return { input, sources };
}

/** The form's required fields and POST /v1/leads' own rules; error paths are the submitted field names. */
export function validateLead(form: Form, mapped: MappedLead): { input?: RecordInput; errors: FieldError[] } {
  const named = (path: string) => {
    const [first, second] = path.split('.');
    const target = first === 'customFields' && second ? second : first;
    return mapped.sources[target] ?? target;
  };
  const missing = form.requiredFields.filter((f) => {
    const v = mapped.input[f] ?? (mapped.input.customFields as Record<string, unknown> | undefined)?.[f];
    return isEmpty(v);
  });
  const errors: FieldError[] = missing.map((f) => ({ path: named(f), message: 'Required.' }));
  const parsed = parseInput(createSchema('lead'), mapped.input, '');
  if (parsed.errors) errors.push(...parsed.errors.map((e) => ({ path: named(e.path), message: e.message })));
  return errors.length ? { errors } : { input: parsed.data as RecordInput, errors };
}

/** Custom-field errors of the records core (`customFields.x`) as the sender named the field. */
export const renameErrors = (mapped: MappedLead, errors: FieldError[]): FieldError[] =>
  errors.map((e) => {
    const target = e.path.startsWith('customFields.') ? e.path.slice('customFields.'.length) : e.path;
    return { path: mapped.sources[target] ?? target, message: e.message };
  });
