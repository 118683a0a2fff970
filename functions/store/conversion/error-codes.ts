import type { ErrorCode } from '#core/errors';

// Every domain code a task may fail with; a failure named otherwise is a bug or an outage of ours.
const CODES: Record<ErrorCode, true> = {
  VALIDATION: true,
  REQUIRED_FIELDS_MISSING: true,
  MALFORMED_JSON: true,
  BAD_CURSOR: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  METHOD_NOT_ALLOWED: true,
  CONFLICT: true,
  IDEMPOTENCY_IN_FLIGHT: true,
  VERSION_CONFLICT: true,
  PAYLOAD_TOO_LARGE: true,
  TEMPLATE_TOO_EXPENSIVE: true,
  QUOTA_EXCEEDED: true,
  GONE: true,
  IDEMPOTENCY_MISMATCH: true,
  RATE_LIMITED: true,
  SEND_FAILED: true,
  UNAVAILABLE: true,
  INTERNAL: true,
};
export const DOMAIN_ERROR_CODES = new Set(Object.keys(CODES));
