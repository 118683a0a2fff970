import * as z from 'zod';
import type { FieldError } from '#core/errors';
import { parseInput } from '#core/validation';
import type { FieldDefinition, FieldType } from '#core/records/field-definition';
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

/** Accepts an option id (or `{id}` as returned by reads); the stored value is always the id. */
function listValue(field: FieldDefinition, value: unknown, path: string, errors: FieldError[]): unknown {
  const ids = new Set((field.options ?? []).map((o) => o.id));
  // `{id, label}` as a read shows it; any other key (`__proto__` too) makes it not an option.
  const asRead = (v: object) => Object.hasOwn(v, 'id') && Object.keys(v).every((k) => k === 'id' || k === 'label');
  const one = (v: unknown, at: string): string | undefined => {
    const id = typeof v === 'object' && v !== null && asRead(v) ? (v as { id: unknown }).id : v;
    if (typeof id === 'string' && ids.has(id)) return id;
    errors.push({ path: at, message: `must be one of the option ids: ${[...ids].join(', ')}` });
    return undefined;
  };
  if (!field.multiple) return one(value, path);
  if (!Array.isArray(value)) {
    errors.push({ path, message: 'must be an array of option ids' });
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
