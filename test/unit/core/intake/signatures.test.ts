import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { isSigned, verifySignature } from '#core/intake/signatures';
import { liveSecrets, mintSigningSecret } from '#core/intake/signing-secret';

// Signatures computed here from the providers' own descriptions, not with the verifier's helpers.
const body = Buffer.from('{"email":"ada@example.com"}');
const secret = mintSigningSecret();
const now = new Date('2026-11-28T10:00:00Z');
const ts = String(now.getTime() / 1000);

const standardSig = (key: string, id = 'msg_1', at = ts) =>
  createHmac('sha256', Buffer.from(key.slice('whsec_'.length), 'base64'))
    .update(`${id}.${at}.${body}`)
    .digest('base64');

function refusal(run: () => void): DomainError | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    return e as DomainError;
  }
}

describe('Standard Webhooks', () => {
  const headers = (sig: string, at = ts) => ({
    'webhook-id': 'msg_1',
    'webhook-timestamp': at,
    'webhook-signature': sig,
  });

  it('accepts a v1 signature over id.timestamp.body keyed by the base64 part of the secret', () => {
    expect(
      refusal(() => verifySignature('standard', [secret], headers(`v1,${standardSig(secret)}`), body, now)),
    ).toBeUndefined();
  });

  it('accepts when any of several space-separated signatures matches', () => {
    const sigs = `v1,${standardSig(mintSigningSecret())} v1a,xyz v1,${standardSig(secret)}`;
    expect(refusal(() => verifySignature('standard', [secret], headers(sigs), body, now))).toBeUndefined();
  });

  it('refuses another secret, a changed body, a stale or future timestamp, and missing headers (401)', () => {
    const other = mintSigningSecret();
    const cases = [
      () => verifySignature('standard', [secret], headers(`v1,${standardSig(other)}`), body, now),
      () => verifySignature('standard', [secret], headers(`v1,${standardSig(secret)}`), Buffer.from('{}'), now),
      () =>
        verifySignature(
          'standard',
          [secret],
          headers(`v1,${standardSig(secret, 'msg_1', String(+ts - 301))}`, String(+ts - 301)),
          body,
          now,
        ),
      () =>
        verifySignature(
          'standard',
          [secret],
          headers(`v1,${standardSig(secret, 'msg_1', String(+ts + 301))}`, String(+ts + 301)),
          body,
          now,
        ),
      () => verifySignature('standard', [secret], { 'webhook-id': 'msg_1' }, body, now),
      () => verifySignature('standard', [secret], headers(`v1,${standardSig(secret)}`, 'soon'), body, now),
    ];
    for (const run of cases) expect(refusal(run)?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a timestamp within five minutes either way', () => {
    const at = String(+ts - 299);
    expect(
      refusal(() =>
        verifySignature('standard', [secret], headers(`v1,${standardSig(secret, 'msg_1', at)}`, at), body, now),
      ),
    ).toBeUndefined();
  });

  it('counts a request with a webhook-id or signature header as signed', () => {
    expect(isSigned('standard', { 'webhook-id': 'x' })).toBe(true);
    expect(isSigned('standard', { origin: 'https://a.example' })).toBe(false);
    expect(isSigned('typeform', { 'typeform-signature': 'x' })).toBe(true);
    expect(isSigned('tally', { 'webhook-signature': 'x' })).toBe(false);
  });
});

describe('Typeform and Tally', () => {
  const mac = (key: string) => createHmac('sha256', key).update(body).digest('base64');

  it('Typeform: sha256= + base64 HMAC of the body, keyed by the secret string as shown', () => {
    expect(
      refusal(() =>
        verifySignature('typeform', [secret], { 'typeform-signature': `sha256=${mac(secret)}` }, body, now),
      ),
    ).toBeUndefined();
    expect(
      refusal(() => verifySignature('typeform', [secret], { 'typeform-signature': mac(secret) }, body, now))?.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('Tally: base64 HMAC of the body, keyed by the secret string as shown', () => {
    expect(
      refusal(() => verifySignature('tally', [secret], { 'tally-signature': mac(secret) }, body, now)),
    ).toBeUndefined();
    expect(
      refusal(() => verifySignature('tally', [secret], { 'tally-signature': mac('other') }, body, now))?.code,
    ).toBe('UNAUTHENTICATED');
    expect(refusal(() => verifySignature('tally', [secret], {}, body, now))?.code).toBe('UNAUTHENTICATED');
  });
});

describe('secret rotation', () => {
  it('keeps a rotated secret live until its grace period ends', () => {
    const secrets = [
      { value: 'new', createdAt: '2026-11-28T09:00:00Z' },
      { value: 'old', createdAt: '2026-11-01T00:00:00Z', expiresAt: '2026-11-29T09:00:00Z' },
    ];
    expect(liveSecrets(secrets, now)).toEqual(['new', 'old']);
    expect(liveSecrets(secrets, new Date('2026-11-29T09:00:01Z'))).toEqual(['new']);
  });
});
