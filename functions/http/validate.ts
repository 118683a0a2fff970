import type * as z from 'zod';
import { DomainError, type FieldError } from '#core/errors';

export function fieldErrors(issues: z.core.$ZodIssue[], prefix: string): FieldError[] {
  return issues.flatMap((issue) => {
    // Unknown keys are one issue naming several keys: report each as its own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath(prefix, [...issue.path, key]), message: 'Unknown field.' }));
    }
    return [{ path: joinPath(prefix, issue.path), message: issue.message }];
  });
}

function joinPath(prefix: string, path: PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.');
}

/** Parses `value` or throws a 400 listing every failing field path under `prefix`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DomainError('VALIDATION', `The ${prefix || 'request'} is invalid.`, fieldErrors(result.error.issues, prefix));
}
