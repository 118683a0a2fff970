import type * as z from 'zod';
import { DomainError, type FieldError } from '#core/errors';
import { issueMessage } from '#http/issue-messages';

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

const PARTS: Record<string, string> = { params: 'path parameters', query: 'query parameters', body: 'body fields' };

/** Parses `value` or throws a 400 listing every failing field path under `prefix`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value, { error: issueMessage });
  if (result.success) return result.data;
  throw new DomainError('VALIDATION', `Some ${PARTS[prefix] ?? 'request values'} are invalid.`, fieldErrors(result.error.issues, prefix));
}
