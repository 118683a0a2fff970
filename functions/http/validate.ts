import type * as z from 'zod';
import { DomainError } from '#core/errors';
import { parseInput } from '#core/validation';

const PARTS: Record<string, string> = { params: 'path parameters', query: 'query parameters', body: 'body fields' };

/** Parses `value` or throws a 400 listing every failing field path under `prefix`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = parseInput(schema, value, prefix);
  if (result.errors)
    throw new DomainError('VALIDATION', `Some ${PARTS[prefix] ?? 'request values'} are invalid.`, result.errors);
  return result.data;
}
