// Shared by the DynamoDB, S3 and Step Functions clients so a dead or stalled endpoint fails fast
// (and becomes a 503, see dynamo/unavailable.ts) instead of holding a request until the Lambda timeout.
// The SDK's standard retries (3 attempts, jittered backoff) still smooth over a blip: refused
// connections cost ~0.3 s in all, a stalled connect at most 3 × 1 s.

/** Connecting to an AWS endpoint takes milliseconds; a second means it is not there. */
export const CONNECT_TIMEOUT_MS = 1000;

export const failFast = (requestTimeoutMs?: number) => ({
  maxAttempts: 3,
  requestHandler: {
    connectionTimeout: CONNECT_TIMEOUT_MS,
    ...(requestTimeoutMs ? { requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true } : {}),
  },
});
