import { randomBytes } from 'node:crypto';
import type { SigningSecret } from '#core/intake/form';

// Standard Webhooks' format: `whsec_` + base64 of the key bytes. Typeform and Tally take the whole
// string as their HMAC key, so one secret serves every provider.
const PREFIX = 'whsec_';

export const mintSigningSecret = (): string => `${PREFIX}${randomBytes(24).toString('base64')}`;

/** The HMAC key bytes of a secret as Standard Webhooks defines them (the base64 part). */
export const standardKey = (secret: string): Buffer =>
  Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');

/** Secrets that still verify at `at`: the current one and rotated ones within their grace period. */
export const liveSecrets = (secrets: SigningSecret[], at: Date): string[] =>
  secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > at.getTime()).map((s) => s.value);
