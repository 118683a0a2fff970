import { STATUS_CODES } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorCode, FieldError } from '#core/errors';

// One exhaustive table: adding an error code without a status is a compile error.
export const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  REQUIRED_FIELDS_MISSING: 400,
  MALFORMED_JSON: 400,
  BAD_CURSOR: 400,
  TEMPLATE_TOO_EXPENSIVE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_IN_FLIGHT: 409,
  VERSION_CONFLICT: 412,
  PAYLOAD_TOO_LARGE: 413,
  QUOTA_EXCEEDED: 413,
  GONE: 410,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_MISMATCH: 422,
  RATE_LIMITED: 429,
  SEND_FAILED: 502,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * The RFC 9457 body for `code`, shared with the local gateway's own answers so both look alike. The
 * contract promises every 400 lists at least one error (ValidationProblem): a bare one names the request.
 */
export function problemBody(code: string, status: number, detail: string, errors: FieldError[] = []) {
  const listed = status === 400 && !errors.length ? [{ path: 'request', message: detail }] : errors;
  return {
    type: `https://dossier.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? STATUS_CODES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(listed.length ? { errors: listed } : {}),
  };
}

export function problem(
  code: ErrorCode,
  detail: string,
  errors: FieldError[] = [],
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): APIGatewayProxyStructuredResultV2 {
  const status = STATUS[code];
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    // Extension members (RFC 9457 §3.2, e.g. quota figures) first: they can never replace a standard member.
    body: JSON.stringify({ ...extensions, ...problemBody(code, status, detail, errors) }),
  };
}
