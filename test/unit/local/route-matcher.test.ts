import { describe, expect, it } from 'vitest';
import { routeMatcher } from '#infra/local/route-matcher';

describe('local gateway routing (as API Gateway does)', () => {
  const match = routeMatcher();

  it('matches a method and path to its route key and Lambda', () => {
    expect(match('GET', '/v1/tenant')).toEqual({ routeKey: 'GET /v1/tenant', functionId: 'platform-api' });
    expect(match('PATCH', '/v1/deals/deal_1')).toMatchObject({
      routeKey: 'PATCH /v1/deals/{id}',
      functionId: 'records-api',
      pathParameters: { id: 'deal_1' },
    });
  });

  it('prefers literal segments over parameters', () => {
    expect(match('GET', '/v1/companies/com_1/contacts').routeKey).toBe('GET /v1/companies/{id}/contacts');
  });

  it('sends a wrong method to the ANY route and an unknown path to $default', () => {
    expect(match('PUT', '/v1/tenant')).toMatchObject({ routeKey: 'ANY /v1/tenant' });
    expect(match('GET', '/v2/nothing')).toEqual({ routeKey: '$default', functionId: 'platform-api' });
  });
});
