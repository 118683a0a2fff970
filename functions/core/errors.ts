// Typed domain errors: the code decides the HTTP status (functions/http/problem.ts), never the thrower.

export type ErrorCode =
  | 'VALIDATION'
  | 'REQUIRED_FIELDS_MISSING'
  | 'MALFORMED_JSON'
  | 'BAD_CURSOR'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'IDEMPOTENCY_IN_FLIGHT'
  | 'VERSION_CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TEMPLATE_TOO_EXPENSIVE'
  | 'QUOTA_EXCEEDED'
  | 'GONE'
  | 'IDEMPOTENCY_MISMATCH'
  | 'RATE_LIMITED'
  | 'SEND_FAILED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface FieldError {
  path: string;
  message: string;
  /** For a missing required field: its label and type, so a client can ask the user for it. */
  label?: string;
  type?: string;
  /** Where in a text field (a template's source), 1-based. */
  line?: number;
  column?: number;
  /** Which part of a template the line and column are in (`body`, `header`, `footer`, `css`, `subject`). */
  part?: string;
}

/**
 * `name` is the code: a task that throws it fails its Step Functions state with that error name,
 * so an ASL `Catch`/`Retry` can match `NOT_FOUND` or `UNAVAILABLE` instead of one generic name.
 * Field paths are relative to the use case's input (`customFields.budget`); the caller (http)
 * places them in its request (`body.customFields.budget`).
 */
export class DomainError extends Error {
  override readonly name: ErrorCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    /** RFC 9457 extension members the problem body carries next to `type`, `title`, `status` (quota figures, a template's exceeded budget). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const invalid = (message: string, errors: FieldError[] = []): never => {
  throw new DomainError('VALIDATION', message, errors);
};

export const notFound = (what: string, id: string, by: 'with id' | 'named' = 'with id'): never => {
  throw new DomainError('NOT_FOUND', `No ${what} ${by} ${id}.`);
};

export const forbidden = (message: string): never => {
  throw new DomainError('FORBIDDEN', message);
};
