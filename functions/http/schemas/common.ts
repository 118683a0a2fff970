import * as z from 'zod';
import type { IdPrefix } from '#core/ids';
import { TAX_CATEGORIES } from '#core/records/money';
import { Ref } from '#core/records/standard-fields';
import { DEFAULT_LIMIT, MAX_LIMIT } from '#core/paging';
import { NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE } from '#core/control-characters';

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Page size, 1 to ${MAX_LIMIT}.`),
  cursor: z.string().min(1).max(2048).optional().describe('Opaque cursor from the previous page.'),
});

/** A named page schema (`<Item>Page`), so generated clients get one type per list. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item).describe('0 to `limit` items.'),
      nextCursor: z
        .string()
        .nullable()
        .describe(
          'Pass as `cursor` to ask for more; null when there is nothing more. A short page does not mean the end.',
        ),
    })
    .meta({ id, description: 'One page of a list.' });

export const idParam = (prefix: IdPrefix) => z.strictObject({ id: Ref(prefix).describe(`A ${prefix}_ id.`) });

const FieldErrorSchema = z
  .object({
    path: z
      .string()
      .describe(
        'Where the problem is, as the client sent it: `body.customFields.budget`, `query.ownerId`, `headers.if-match`.',
      ),
    message: z.string(),
    label: z.string().optional().describe("REQUIRED_FIELDS_MISSING: the missing field's label."),
    type: z.string().optional().describe("REQUIRED_FIELDS_MISSING: the missing field's type."),
    line: z.number().int().min(1).optional().describe('For a template syntax error: the 1-based line.'),
    column: z.number().int().min(1).optional().describe('For a template syntax error: the 1-based column.'),
    part: z
      .enum(['body', 'header', 'footer', 'css', 'subject'])
      .optional()
      .describe('For a template error: the part of the template the line and column count in.'),
  })
  .meta({ id: 'FieldError' });

// Open (extra members allowed): later capabilities add named extensions such as quota figures.
const problemShape = {
  type: z.string().describe('A URI naming the kind of problem.'),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe('Stable machine-readable code, e.g. NOT_FOUND.'),
  detail: z.string(),
};

export const Problem = z
  .looseObject({ ...problemShape, errors: z.array(FieldErrorSchema).optional() })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem; 5xx bodies are generic (quote the x-request-id).' });

export const ValidationProblem = z
  .looseObject({ ...problemShape, errors: z.array(FieldErrorSchema).min(1) })
  .meta({ id: 'ValidationProblem', description: 'A 400: every failing field path with a message.' });

export const Timestamp = z.iso.datetime().describe('ISO 8601 UTC instant.');

/** A name a person gives (a tenant, a user, an API key): one line of at most 200 characters. */
export const Name = z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE);

// Range bounds become instants in the stored format, so "10:00Z", "12:00+02:00" and dates compare right.
// An offset can push an instant out of years 0000-9999, where toISOString() writes "+010000-..."
// and string order breaks: no record is stored there, so clamp to the ends of that range.
const FIRST = '0000-01-01T00:00:00.000Z';
const LAST = '9999-12-31T23:59:59.999Z';
const instant = (v: string) => {
  const iso = new Date(v).toISOString();
  return iso.startsWith('-') ? FIRST : iso.startsWith('+') ? LAST : iso;
};
export const bound = (endOfDay: boolean) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be a date like 2026-12-31 or a date-time with a zone like 2026-12-31T10:00:00Z',
    })
    .transform((v) => (v.length === 10 ? `${v}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : instant(v)));

/** A range whose start is after its end would reach DynamoDB as an invalid BETWEEN. */
export function checkRange(q: Record<string, unknown>, ctx: z.RefinementCtx, from: string, to: string): void {
  const [start, end] = [q[from], q[to]] as [string | undefined, string | undefined];
  if (start === undefined || end === undefined || start <= end) return;
  ctx.addIssue({ code: 'custom', path: [from], message: `must not be after ${to}` });
  ctx.addIssue({ code: 'custom', path: [to], message: `must not be before ${from}` });
}

// Deals (record-out.ts) and generated document versions (documents.ts) both show totals.
export const TaxSubtotalOut = z
  .object({
    category: z.enum(TAX_CATEGORIES),
    rate: z.number().describe('Percent.'),
    net: z.number().describe("The net of this category and rate's lines."),
    tax: z.number().describe('The VAT on that net, rounded once (half away from zero) in the currency minor unit.'),
  })
  .meta({ id: 'TaxSubtotal' });
export const Totals = z
  .object({
    net: z.number(),
    tax: z.number().describe('The sum of `taxes[].tax`.'),
    gross: z.number(),
    taxes: z.array(TaxSubtotalOut).describe('VAT per tax category and rate, highest rate first.'),
  })
  .meta({
    id: 'DealTotals',
    description:
      'Computed on every read from the line items, in the deal currency: line nets summed per tax category and rate, and the VAT of each rate computed on its net and rounded once.',
  });

/** A `type/subtype` media type as a list filter takes it (documents' lists, search). */
export const MediaTypeFilter = z
  .string()
  .trim()
  .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type like application/pdf')
  .max(255);
