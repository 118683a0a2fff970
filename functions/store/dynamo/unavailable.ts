// Which store failures mean "the store is unavailable right now" (503 + Retry-After) rather than
// a bug (500). Judged by the error's shape alone, so neither core/ nor this file imports an SDK:
// AWS errors carry `name` and `$metadata.httpStatusCode`, Node socket errors carry `code`.

import { cancellationReasons } from '#store/dynamo/item';

const THROTTLED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'TooManyRequestsException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
]);
const SERVER_SIDE = new Set([
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  // The SDK's own request and connection timeouts (NodeHttpHandler).
  'TimeoutError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// A transaction cancelled only because one of its items was throttled is a throttle too.
const THROTTLED_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export type Unavailability = 'throttled' | 'unavailable';

/** Why the store could not answer, or undefined when the error is not a transient store failure. */
export function storeUnavailability(error: unknown, depth = 0): Unavailability | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as ErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  if (THROTTLED.has(name)) return 'throttled';
  if (name === 'TransactionCanceledException') {
    const reasons = cancellationReasons(e).filter((c) => c !== 'None');
    return reasons.length > 0 && reasons.every((c) => THROTTLED_REASONS.has(c)) ? 'throttled' : undefined;
  }
  if (SERVER_SIDE.has(name)) return 'unavailable';
  const status = e.$metadata?.httpStatusCode;
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'unavailable';
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return 'unavailable';
  if (typeof e.message === 'string' && /socket hang up|other side closed/i.test(e.message)) return 'unavailable';
  // Happy-eyeballs connects report an AggregateError; fetch and some SDK layers wrap the cause.
  if (Array.isArray(e.errors) && e.errors.some((inner) => storeUnavailability(inner, depth + 1))) return 'unavailable';
  return storeUnavailability(e.cause, depth + 1);
}

/** Seconds a client should wait: throttles clear fast, an outage (restart, failover) takes longer. */
export const retryAfterSeconds = (why: Unavailability): number => (why === 'throttled' ? 1 : 5);
