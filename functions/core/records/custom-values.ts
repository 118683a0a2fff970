import * as z from 'zod';
import type { FieldError } from '#core/errors';
import { parseInput } from '#core/validation';
import type { FieldDefinition, FieldType, ListOption } from '#core/records/field-definition';
import { moneyProblem } from '#core/records/money';
import { Currency, Decimal, Email, IsoDate, Money, Phone } from '#core/records/standard-fields';

const scalar: Record<Exclude<FieldType, 'list'>, z.ZodType> = {
  string: z.string().max(1000),
  text: z.string().max(100_000),
  number: Decimal(),
  money: z.strictObject({ amount: Money(), currency: Currency }).superRefine((m, ctx) => {
    const problem = moneyProblem(m.amount, m.currency);
    if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
  }),
  date: IsoDate,
  datetime: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' }),
  boolean: z.boolean(),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048),
  email: Email,
  phone: Phone,
};

/** At most this many options are named in a message: a field may have 500. */
const NAMED_OPTIONS = 20;

/** `Hot (opt_…), Cold (opt_…)`, the first 20, then how many more. */
export function namedOptions(options: ListOption[]): string {
  const shown = options.slice(0, NAMED_OPTIONS).map((o) => `${o.label} (${o.id})`);
  const more = options.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** Case-insensitive, otherwise exact: a label is what a person typed or a form showed, never a guess. */
export const folded = (text: string) => text.normalize('NFC').toLowerCase();

/**
 * The option a client named: by id, as `{id, label}` as reads show it, or by label. A label
 * matching several options that differ only in case is ambiguous; the message names them all.
 */
export function chooseOption(field: FieldDefinition, value: unknown): { id: string } | { problem: string } {
  const options = field.options ?? [];
  // `{id, label}` as a read shows it; any other key (`__proto__` too) makes it not an option.
  const asRead = (v: object) => Object.hasOwn(v, 'id') && Object.keys(v).every((k) => k === 'id' || k === 'label');
  const given = typeof value === 'object' && value !== null && asRead(value) ? (value as { id: unknown }).id : value;
  if (typeof given === 'string') {
    const byId = options.find((o) => o.id === given);
    if (byId) return { id: byId.id };
    const byLabel = options.filter((o) => folded(o.label) === folded(given));
    if (byLabel.length === 1) return { id: byLabel[0].id };
    if (byLabel.length > 1)
      return {
        problem: `"${given}" matches ${byLabel.length} options whose labels differ only in case: ${namedOptions(byLabel)}; send the option id`,
      };
  }
  return { problem: `must be one of these options (label or id): ${namedOptions(options)}` };
}

/** Accepts an option id, `{id}` as returned by reads, or a label; the stored value is always the id. */
function listValue(field: FieldDefinition, value: unknown, path: string, errors: FieldError[]): unknown {
  const one = (v: unknown, at: string): string | undefined => {
    const chosen = chooseOption(field, v);
    if ('id' in chosen) return chosen.id;
    errors.push({ path: at, message: chosen.problem });
    return undefined;
  };
  if (!field.multiple) return one(value, path);
  if (!Array.isArray(value)) {
    errors.push({ path, message: 'must be an array of option ids or labels' });
    return undefined;
  }
  return [...new Set(value.map((v, i) => one(v, `${path}.${i}`)))];
}

/** Validates one value for its field, collecting errors; returns the value to store. */
export function customValue(field: FieldDefinition, value: unknown, path: string, errors: FieldError[]): unknown {
  if (field.type === 'list') return listValue(field, value, path, errors);
  const parsed = parseInput(scalar[field.type], value, path);
  if (parsed.errors) errors.push(...parsed.errors);
  return parsed.data;
}

/** What a read shows: list ids become `{id, label}` with the label as it is now. */
export function presentValue(field: FieldDefinition, stored: unknown): unknown {
  if (field.type !== 'list') return stored;
  const label = (id: unknown) => field.options?.find((o) => o.id === id);
  if (Array.isArray(stored)) return stored.map(label).filter(Boolean);
  return label(stored) ?? null;
}
