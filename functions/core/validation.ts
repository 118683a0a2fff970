import type * as z from 'zod';
import type { FieldError } from '#core/errors';

// Every input is parsed with these, so a client reads the same plain wording (ours, not the
// library's) on every field, and each error path is the name the client sent.

const KINDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMATS: Record<string, string> = {
  email: 'an email address',
  url: 'a URL',
  datetime: 'a date-time with a zone, like 2026-12-31T10:00:00Z',
  date: 'a date like 2026-12-31',
};

/** Our message for one of zod's built-in issues; a schema's own message takes precedence over it. */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  // Absent is absent, whatever the schema would have checked next (an enum, a format).
  if (issue.input === undefined && issue.code !== 'custom' && issue.code !== 'unrecognized_keys') return 'Required.';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at least ${min} item${min === 1 ? '' : 's'}`;
      return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${max} items`;
      return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
    }
    case 'invalid_format':
      return `must be ${FORMATS[issue.format] ?? `in ${issue.format} format`}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return 'Unknown field.';
    case 'invalid_union':
      return 'does not match any accepted form';
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    default:
      return undefined;
  }
}

/** One error per failing path under `prefix`; unknown keys are one issue naming several, so each gets its own. */
export function fieldErrors(issues: z.core.$ZodIssue[], prefix: string): FieldError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath(prefix, [...issue.path, key]), message: 'Unknown field.' }));
    }
    return [{ path: joinPath(prefix, issue.path), message: issue.message }];
  });
}

const joinPath = (prefix: string, path: PropertyKey[]): string =>
  [prefix, ...path.map(String)].filter(Boolean).join('.');

/** Parses `value` with our messages; errors carry paths under `prefix`. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: string,
): { data: z.output<S>; errors?: undefined } | { data?: undefined; errors: FieldError[] } {
  const result = schema.safeParse(value, { error: issueMessage });
  return result.success ? { data: result.data } : { errors: fieldErrors(result.error.issues, prefix) };
}
