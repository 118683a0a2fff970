import { describe, expect, it } from 'vitest';
import { expectStatus, type ApiResponse } from '#test/support/http-client';

const answer = (status: number, body: unknown): ApiResponse => ({
  method: 'POST',
  path: '/v1/deals',
  status,
  body,
  ms: 1,
  headers: new Headers({ 'x-request-id': 'req-1' }),
});

describe('expectStatus', () => {
  it('returns the response when the status is the expected one, or one of several', () => {
    const res = answer(201, { id: 'deal_1' });
    expect(expectStatus(res, 201)).toBe(res);
    expect(expectStatus(answer(412, {}), [400, 412]).status).toBe(412);
  });

  it('fails naming the request, the status and the problem body as pretty JSON', () => {
    const problem = { status: 400, errors: [{ path: 'body.title', message: 'Required' }] };
    expect(() => expectStatus(answer(400, problem), 201)).toThrow(
      `expected 201 from POST /v1/deals, got 400 (x-request-id req-1): ${JSON.stringify(problem, null, 2)}`,
    );
    expect(() => expectStatus(answer(500, ''), [200, 204], 'listing deals')).toThrow(
      'listing deals: expected 200 or 204 from POST /v1/deals, got 500 (x-request-id req-1): (no body)',
    );
  });

  it('cuts a huge body short', () => {
    const error = (() => {
      try {
        expectStatus(answer(413, 'x'.repeat(50_000)), 201);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message.length).toBeLessThan(3_000);
    expect(error?.message).toContain('(50000 characters)');
  });
});
