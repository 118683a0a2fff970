import { describe, expect, it } from 'vitest';
import { apiDocument } from '#infra/openapi-document';
import { Contract } from '#test/contract/response-check';

const contract = new Contract(JSON.parse(JSON.stringify(apiDocument())));
const headers = (h: Record<string, string>) =>
  new Headers({ 'x-request-id': 'r1', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...h });
const company = {
  id: 'com_01JD3V6Y5Q8W7X2M4N9P0R1S2T',
  name: 'Acme',
  ownerId: null,
  customFields: { tier: { id: 'opt_1', label: 'Gold' } },
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  updatedBy: 'u',
};
const get = (
  body: unknown,
  status = 200,
  h: Record<string, string> = { etag: '"1"', 'content-type': 'application/json' },
) => contract.check({ method: 'GET', path: `/v1/companies/${company.id}`, status, headers: headers(h), body });

describe('the response check against the OpenAPI document', () => {
  it('accepts a response the document describes', () => {
    expect(get(company)).toEqual([]);
  });

  it('refuses an undocumented property, a wrong type, a missing required header and an undocumented status', () => {
    expect(get({ ...company, secretSauce: 1 }).join()).toMatch(/additional/);
    expect(get({ ...company, version: '1' }).join()).toMatch(/version/);
    expect(get(company, 200, { 'content-type': 'application/json' }).join()).toMatch(/ETag missing/);
    expect(get(company, 418).join()).toMatch(/not documented/);
    const bare = new Headers({ 'x-request-id': 'r1', etag: '"1"', 'content-type': 'application/json' });
    const unguarded = contract.check({
      method: 'GET',
      path: `/v1/companies/${company.id}`,
      status: 200,
      headers: bare,
      body: company,
    });
    expect(unguarded.join()).toMatch(/X-Content-Type-Options missing/);
    expect(unguarded.join()).toMatch(/Cache-Control missing/);
  });

  it('checks problems against the problem schema and 400s against the validation problem', () => {
    const problem = { type: 't', title: 'Bad Request', status: 400, code: 'VALIDATION', detail: 'd' };
    const post = (body: unknown) =>
      contract.check({
        method: 'POST',
        path: '/v1/companies',
        status: 400,
        headers: headers({ 'content-type': 'application/problem+json' }),
        body,
      });
    expect(post(problem).join()).toMatch(/errors/);
    expect(post({ ...problem, errors: [{ path: 'body.name', message: 'Required.' }] })).toEqual([]);
  });

  it('allows only 404 and 405 outside the documented operations', () => {
    const problem = { type: 't', title: 'Not Found', status: 404, code: 'NOT_FOUND', detail: 'd' };
    const at = (method: string, path: string, status: number) =>
      contract.check({ method, path, status, headers: headers({}), body: problem });
    expect(at('GET', '/v1/nowhere', 404)).toEqual([]);
    expect(
      contract.check({
        method: 'PUT',
        path: '/v1/companies',
        status: 405,
        headers: headers({ allow: 'POST, GET' }),
        body: problem,
      }),
    ).toEqual([]);
    expect(at('PUT', '/v1/companies', 405).join()).toMatch(/Allow is ""/);
    expect(at('GET', '/v1/nowhere', 200).join()).toMatch(/no documented operation/);
  });
});
