import { invalid } from '#core/errors';
import { PROFILE_DEFAULTS, tenantTimeZone, type TenantProfile } from '#core/tenancy/profile';

// The dates and texts a generation request may set (issue 21), resolved once when the job starts:
// every render of the job, and the version it files, sees the same ones.

/** What the generation request may give. */
export interface GenerationFields {
  issueDate?: string;
  dueDate?: string;
  deliveryDate?: string;
  paymentTermDays?: number;
  referenceNumber?: string;
  text?: string;
}

/** The fields resolved: an issue date, a term and a due date always; the rest when given. */
export interface DocumentFacts {
  issueDate: string;
  dueDate: string;
  paymentTermDays: number;
  deliveryDate?: string;
  /** Given on the request; else derived from the number once it is taken. */
  referenceNumber?: string;
  text?: string;
}

const DAY_MS = 86_400_000;
export const MAX_TERM_DAYS = 365;
/** A letter's or contract's body: about ten pages. */
export const MAX_TEXT_CHARS = 20_000;

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: an invoice issued at 01:00 in Tallinn is dated there. */
export const localDate = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The issue date (given, else today in the tenant's time zone) and the due date: given, else the
 * issue date plus the term of the request, else of the deal, else of the tenant profile (14 days).
 * A due date before the issue date, or more than 365 days after it, is a 400 naming `dueDate`.
 */
export function documentFacts(
  fields: GenerationFields,
  at: string,
  dealTermDays: number | undefined,
  profile: TenantProfile | undefined,
): DocumentFacts {
  const issueDate = fields.issueDate ?? localDate(at, tenantTimeZone(profile));
  if (fields.dueDate !== undefined && fields.paymentTermDays !== undefined)
    invalid('Give a due date or a payment term, not both.', [
      { path: 'dueDate', message: 'cannot be given with paymentTermDays' },
    ]);
  let paymentTermDays =
    fields.paymentTermDays ?? dealTermDays ?? profile?.paymentTermDays ?? PROFILE_DEFAULTS.paymentTermDays;
  if (fields.dueDate !== undefined) {
    paymentTermDays = daysBetween(issueDate, fields.dueDate);
    if (paymentTermDays < 0)
      invalid(`The due date ${fields.dueDate} is before the issue date ${issueDate}.`, [
        { path: 'dueDate', message: `must not be before the issue date ${issueDate}` },
      ]);
    if (paymentTermDays > MAX_TERM_DAYS)
      invalid(`The due date ${fields.dueDate} is more than ${MAX_TERM_DAYS} days after the issue date.`, [
        { path: 'dueDate', message: `must be at most ${MAX_TERM_DAYS} days after the issue date ${issueDate}` },
      ]);
  }
  return {
    issueDate,
    dueDate: fields.dueDate ?? addDays(issueDate, paymentTermDays),
    paymentTermDays,
    ...(fields.deliveryDate ? { deliveryDate: fields.deliveryDate } : {}),
    ...(fields.referenceNumber ? { referenceNumber: fields.referenceNumber } : {}),
    ...(fields.text !== undefined ? { text: fields.text } : {}),
  };
}
