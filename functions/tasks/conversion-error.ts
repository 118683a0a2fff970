import { DomainError } from '#core/errors';

/**
 * A refusal leaves a task as an error named by its code (an ASL Retry matches `UNAVAILABLE`, the
 * execution fails with `VALIDATION`…) whose message carries the problem: detail, field errors and
 * extension members (candidates, the existing conversion), which the API turns back into the answer.
 */
export function taskError(e: unknown): unknown {
  if (!(e instanceof DomainError)) return e;
  // A refusal without extension members carries none (the member is left out, not `{}`).
  const extensions = Object.keys(e.extensions ?? {}).length ? e.extensions : undefined;
  const error = new Error(JSON.stringify({ detail: e.message, errors: e.errors, extensions, headers: e.headers }));
  error.name = e.code;
  return error;
}
