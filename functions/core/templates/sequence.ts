import * as z from 'zod';
import { invalid } from '#core/errors';

export const RESETS = ['never', 'yearly', 'monthly'] as const;
export type Reset = (typeof RESETS)[number];

export interface Sequence {
  id: string;
  tenantId: string;
  name: string;
  /** May hold date parts: {YYYY}, {YY}, {MM}, {DD} (of the document date). */
  prefix: string;
  padding: number;
  reset: Reset;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const NUMBER_STATUSES = ['taken', 'issued', 'void'] as const;
export type NumberStatus = (typeof NUMBER_STATUSES)[number];

/** One number handed out; every counter value has exactly one, so none is lost or used twice. */
export interface IssuedNumber {
  sequenceId: string;
  /** The counter's period (`all`, `2026`, `2026-03`) and its value in it. */
  period: string;
  counter: number;
  number: string;
  status: NumberStatus;
  jobId: string;
  takenAt: string;
  documentId?: string;
  reason?: string;
  settledAt?: string;
}

/**
 * An issued number's schema, defined once: the render steps parse it from the workflow's state
 * (times as plain strings, step-input.ts) and the API shows it with its timestamp schema
 * (http/templates/schemas.ts), so the two cannot drift apart.
 */
export const issuedNumberSchema = <T extends z.ZodType<string>>(timestamp: T) =>
  z.object({
    sequenceId: z.string(),
    period: z.string(),
    counter: z.number().int(),
    number: z.string(),
    status: z.enum(NUMBER_STATUSES),
    jobId: z.string(),
    takenAt: timestamp,
    documentId: z.string().optional(),
    reason: z.string().optional(),
    settledAt: timestamp.optional(),
  });

const DATE_PART = /\{(YYYY|YY|MM|DD)\}/g;

export function checkPrefix(prefix: string): void {
  const rest = prefix.replace(DATE_PART, '');
  if (/[{}]/.test(rest))
    invalid('Unknown date part in the prefix.', [{ path: 'prefix', message: 'use {YYYY}, {YY}, {MM} or {DD}' }]);
}

/** The counter a date falls in: a yearly sequence restarts at 1 each year, a monthly one each month. */
export function periodOf(reset: Reset, isoDate: string): string {
  if (reset === 'yearly') return isoDate.slice(0, 4);
  if (reset === 'monthly') return isoDate.slice(0, 7);
  return 'all';
}

export function formatNumber(seq: Pick<Sequence, 'prefix' | 'padding'>, counter: number, isoDate: string): string {
  const parts: Record<string, string> = {
    YYYY: isoDate.slice(0, 4),
    YY: isoDate.slice(2, 4),
    MM: isoDate.slice(5, 7),
    DD: isoDate.slice(8, 10),
  };
  return seq.prefix.replace(DATE_PART, (_m, p: string) => parts[p]) + String(counter).padStart(seq.padding, '0');
}
