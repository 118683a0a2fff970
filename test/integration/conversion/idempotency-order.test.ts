import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { conversionOf, world } from './helpers';

// A conversion keeps its own Idempotency-Key record (on the conversion it commits); like the
// middleware's, it compares the request by meaning: the same body with keys in another order is a retry.
describe('a conversion retried with the same Idempotency-Key', () => {
  it('replays the original 201 when the body differs only in key order and spacing; 422 for another value', async () => {
    const w = await world();
    for (const name of ['budget', 'region'])
      expectStatus(
        await call('POST', '/v1/fields/deal', { key: w.key, body: { name, label: name, type: 'text' } }),
        201,
      );
    const send = (rawBody: string) =>
      call('POST', `/v1/leads/${w.lead.id}/conversions`, {
        key: w.key,
        rawBody,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'convert-in-any-order' },
      });
    const first = conversionOf(
      await send('{"contact":{"create":{}},"deal":{"create":{"customFields":{"budget":"10k","region":"EU"}}}}'),
    );
    const again = await send(
      '{ "deal": { "create": { "customFields": { "region": "EU", "budget": "10k" } } },\n  "contact": { "create": { } } }',
    );
    expect(conversionOf(again)).toEqual(first);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await send(
      '{"contact":{"create":{}},"deal":{"create":{"customFields":{"region":"US","budget":"10k"}}}}',
    );
    expectStatus(other, 422);
    expect(other.body.code).toBe('IDEMPOTENCY_MISMATCH');
  });
});
