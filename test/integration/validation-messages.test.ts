import { describe, expect, it } from 'vitest';
import { adminKey, call, newTenant, type ApiResponse } from './api-client';
import { expectStatus } from '#test/support/http-client';

// A 400 names each field as the client sent it and says what is wrong in our words, never zod's defaults.
const ZOD_DEFAULTS =
  /Invalid input|expected \w+, received|Too (small|big)|Invalid (string|option|enum|element|key)|Unrecognized key/i;

function errorsOf(res: ApiResponse): Record<string, string> {
  expectStatus(res, 400);
  expect(res.body.detail).not.toMatch(/The (params|query|body) is invalid/);
  const errors = Object.fromEntries(
    (res.body.errors as Array<{ path: string; message: string }>).map((e) => [e.path, e.message]),
  );
  for (const message of Object.values(errors)) expect(message).not.toMatch(ZOD_DEFAULTS);
  return errors;
}

describe('validation errors', () => {
  it('name body fields, query parameters and path parameters as sent, with our messages', async () => {
    const t = await newTenant();
    const body = errorsOf(
      await call('POST', '/v1/deals', {
        key: t.ownerKey,
        body: {
          amount: 'lots',
          currency: 'eur',
          lineItems: [{ quantity: 0 }],
          expectedCloseDate: '2026-13-01',
          contactIds: 'con_x',
          title: 'x'.repeat(301),
        },
      }),
    );
    expect(body).toMatchObject({
      'body.title': 'must be at most 300 characters',
      'body.amount': 'must be a number',
      'body.lineItems.0.name': 'Required.',
      'body.lineItems.0.quantity': 'must be greater than 0',
      'body.expectedCloseDate': 'must be a date like 2026-12-31',
      'body.contactIds': 'must be an array',
    });

    const query = errorsOf(
      await call('GET', '/v1/deals?limit=abc&order=up&ownerId=&createdFrom=yesterday', { key: t.ownerKey }),
    );
    expect(Object.keys(query).sort()).toEqual(['query.createdFrom', 'query.limit', 'query.order', 'query.ownerId']);
    expect(query['query.order']).toBe('must be one of: asc, desc');

    const params = errorsOf(await call('GET', '/v1/deals/nope', { key: t.ownerKey }));
    expect(Object.keys(params)).toEqual(['params.id']);
    expect(errorsOf(await call('GET', '/v1/fields/widgets', { key: t.ownerKey }))).toEqual({
      'params.entity': 'must be one of: lead, contact, company, deal',
    });

    const key = errorsOf(await call('POST', '/v1/api-keys', { key: t.ownerKey, body: { name: '', extra: 1 } }));
    expect(key).toEqual({
      'body.name': 'must not be empty',
      'body.role': 'Required.',
      'body.extra': 'Unknown field.',
    });
    expect(
      errorsOf(await call('POST', '/v1/admin/tenants', { key: adminKey(), body: { name: 'x', seats: 1.5 } })),
    ).toEqual({ 'body.seats': 'must be a whole number' });
  });

  it('name a custom field that does not exist by its name, not as an id', async () => {
    const t = await newTenant();
    const res = await call('PATCH', '/v1/fields/deal/nope_nope', { key: t.ownerKey, body: { label: 'x' } });
    expectStatus(res, 404);
    expect(res.body.detail).toBe('No deal field named nope_nope.');
  });
});
