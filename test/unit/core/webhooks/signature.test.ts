import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signedHeaders } from '#core/webhooks/signature';

// Signatures are checked with the reference library receivers use, not with our own code.

const secret = () => `whsec_${randomBytes(24).toString('base64')}`;
const body = JSON.stringify({ id: 'evt_1', type: 'lead.created', data: { name: 'Ann' } });

describe('Standard Webhooks signatures', () => {
  it('verifies with the standardwebhooks library', () => {
    const s = secret();
    const headers = signedHeaders([{ secret: s }], 'evt_1', body, new Date());
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(s).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with both secrets during a rotation, so a receiver holding either verifies', () => {
    const [current, previous] = [secret(), secret()];
    const now = new Date();
    const until = new Date(now.getTime() + 3_600_000).toISOString();
    const headers = signedHeaders([{ secret: current }, { secret: previous, until }], 'evt_2', body, now);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });

  it('stops signing with a rotated-out secret once its 24 h are over', () => {
    const [current, previous] = [secret(), secret()];
    const now = new Date();
    const until = new Date(now.getTime() - 1).toISOString();
    const headers = signedHeaders([{ secret: current }, { secret: previous, until }], 'evt_3', body, now);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => new Webhook(previous).verify(body, headers)).toThrow();
  });

  it('fails verification when the body was changed in transit', () => {
    const s = secret();
    const headers = signedHeaders([{ secret: s }], 'evt_4', body, new Date());
    expect(() => new Webhook(s).verify(body.replace('Ann', 'Bob'), headers)).toThrow();
  });
});
