import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '#core/errors';
import type { Provider } from '#core/intake/form';
import { standardKey } from '#core/intake/signing-secret';

/** Standard Webhooks: a timestamp further than this from our clock is refused (replays of old requests). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

const SIGNATURE_HEADER: Record<Provider, string> = {
  standard: 'webhook-signature',
  typeform: 'typeform-signature',
  tally: 'tally-signature',
};

/** The headers a signed post of each provider carries, as its documentation names them. */
export const SIGNATURE_HEADERS: Record<Provider, string> = {
  standard: 'webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks)',
  typeform: 'Typeform-Signature',
  tally: 'Tally-Signature',
};

/** Whether the request carries its provider's signature at all (else it can only be a browser post). */
export const isSigned = (provider: Provider, headers: Record<string, string>): boolean =>
  headers[SIGNATURE_HEADER[provider]] !== undefined || (provider === 'standard' && headers['webhook-id'] !== undefined);

const refuse = (message: string): never => {
  throw new DomainError('UNAUTHENTICATED', message, [], { 'www-authenticate': 'Signature' });
};

// Parts are fed one after another: joining a 256 KB body to its prefix would copy it for every secret.
const hmac = (key: Buffer | string, ...parts: Buffer[]): Buffer => {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

/** Compares in constant time; a candidate of another length is simply not equal. */
function sameBytes(expected: Buffer, presented: string): boolean {
  const given = Buffer.from(presented, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function verifyStandard(secrets: string[], headers: Record<string, string>, body: Buffer, now: Date): void {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures)
    refuse('Send webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks).');
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp!) || Math.abs(now.getTime() / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS)
    refuse(`webhook-timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS} seconds away from now.`);
  const prefix = Buffer.from(`${id}.${timestamp}.`);
  // Several space-separated `v1,<base64>` signatures: a sender signs with old and new secret while rotating.
  const presented = signatures!
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));
  const ok = secrets.some((secret) => {
    const expected = hmac(standardKey(secret), prefix, body);
    return presented.some((p) => sameBytes(expected, p));
  });
  if (!ok) refuse('No webhook-signature matches the form secret.');
}

function verifyBodyHmac(
  header: string,
  prefix: string,
  secrets: string[],
  headers: Record<string, string>,
  body: Buffer,
) {
  const value = headers[header];
  if (!value || !value.startsWith(prefix)) refuse(`Send the ${header} header.`);
  const presented = value!.slice(prefix.length);
  // Typeform and Tally take the secret string as shown, not its base64 part.
  if (!secrets.some((secret) => sameBytes(hmac(secret, body), presented)))
    refuse(`The ${header} does not match the form secret.`);
}

/** Throws 401 unless one of `secrets` signed this request the provider's way. */
export function verifySignature(
  provider: Provider,
  secrets: string[],
  headers: Record<string, string>,
  body: Buffer,
  now: Date,
): void {
  if (provider === 'standard') return verifyStandard(secrets, headers, body, now);
  if (provider === 'typeform') return verifyBodyHmac('typeform-signature', 'sha256=', secrets, headers, body);
  return verifyBodyHmac('tally-signature', '', secrets, headers, body);
}
