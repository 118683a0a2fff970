import type * as z from 'zod';
import { DomainError } from '#core/errors';
import { parseInput } from '#core/validation';

/** Parses `value` or throws a 400 listing every failing field path under `prefix`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = parseInput(schema, value, prefix);
  if (result.errors) throw new DomainError('VALIDATION', `The ${prefix || 'request'} is invalid.`, result.errors);
  return result.data;
}
