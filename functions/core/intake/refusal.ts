import { DomainError, type ErrorCode } from '#core/errors';
import type { Form } from '#core/intake/form';
import type { Channel } from '#core/intake/submission';

/** A refusal the sender is told about; a browser that wants a page is sent to the form's error URL. */
export class RefusedSubmission extends DomainError {
  constructor(
    cause: DomainError,
    readonly errorUrl: string | undefined,
    readonly allowOrigin: string | undefined,
  ) {
    super(cause.code, cause.message, cause.errors, cause.headers);
  }
}

// Refusals a sender caused; outages and conflicts are not the sender's doing and are retried, not logged.
export const LOGGED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
]);

export function errorRedirect(form: Form, channel: Channel, error: DomainError): string | undefined {
  if (channel !== 'browser' || !form.errorUrl) return undefined;
  const url = new URL(form.errorUrl);
  url.searchParams.set('error', error.code.toLowerCase());
  const fields = error.errors.map((e) => e.path).filter(Boolean);
  if (fields.length) url.searchParams.set('fields', fields.join(','));
  return url.toString();
}
