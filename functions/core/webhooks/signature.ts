import { createHmac } from 'node:crypto';
import type { SigningSecret } from '#core/webhooks/subscription';

// Standard Webhooks (https://www.standardwebhooks.com): the receiver recomputes HMAC-SHA256 over
// `<webhook-id>.<webhook-timestamp>.<body>` with the base64-decoded part of its `whsec_` secret.
// During a rotation both secrets sign, space separated, so a receiver holding either verifies.

const PREFIX = 'whsec_';

const keyOf = (secret: string): Buffer =>
  Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');

/** The secrets that sign at `now`: the current one, and a rotated-out one until its `until`. */
export const signingSecrets = (secrets: SigningSecret[], now: Date): SigningSecret[] =>
  secrets.filter((s) => !s.until || Date.parse(s.until) > now.getTime());

/** The `webhook-signature` header value: `v1,<base64>` per signing secret. */
export function signatureHeader(secrets: SigningSecret[], id: string, timestamp: number, body: string, now: Date) {
  return signingSecrets(secrets, now)
    .map((s) => `v1,${createHmac('sha256', keyOf(s.secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`)
    .join(' ');
}

/** The three Standard Webhooks headers of one delivery. */
export function signedHeaders(secrets: SigningSecret[], id: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(secrets, id, timestamp, body, now),
  };
}
