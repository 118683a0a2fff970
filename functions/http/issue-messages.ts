import type * as z from 'zod';

// Our wording for zod's issues, so a 400 reads the same everywhere ("must be ...", "Required.").
// Messages a schema sets itself (a regex's explanation) take precedence over these.

const FORMATS: Record<string, string> = {
  email: 'an email address', url: 'an http(s) URL', datetime: 'an ISO 8601 date-time like 2026-12-31T09:30:00Z', date: 'a date like 2026-12-31',
  time: 'a time like 09:30', uuid: 'a UUID', regex: 'in the expected format', starts_with: 'in the expected format', ends_with: 'in the expected format',
};

const TYPES: Record<string, string> = { int: 'an integer', number: 'a number', string: 'a string', boolean: 'true or false', array: 'an array', object: 'an object' };

const units = (origin: unknown, n: number | bigint) =>
  origin === 'string' ? `${n} character${n === 1 ? '' : 's'}` : origin === 'array' || origin === 'set' ? `${n} item${n === 1 ? '' : 's'}` : `${n}`;

export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  // Absent is absent, whatever the schema would have checked next (an enum, a format).
  if (issue.input === undefined && issue.code !== 'custom' && issue.code !== 'unrecognized_keys') return 'Required.';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${units(issue.origin, issue.minimum as number)}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${units(issue.origin, issue.maximum as number)}`;
    case 'invalid_format':
      return `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'is not in any accepted form';
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    default:
      return undefined;
  }
}
