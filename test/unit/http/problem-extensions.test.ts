import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { QuotaExceededError } from '#core/quota/quota-exceeded';
import { TemplateTooExpensive } from '#core/templates/too-expensive';
import { inRequestPart } from '#http/input-paths';
import { requestContext } from '#http/middleware/request-context';
import type { ApiRequest } from '#http/request-state';
import { taskError } from '#tasks/conversion-error';

/** The problem+json body the API answers for an error a route's use case threw. */
async function answered(run: () => Promise<unknown>): Promise<string | undefined> {
  const error = await inRequestPart('body', run).then(
    () => new Error('expected a failure'),
    (e: unknown) => e as Error,
  );
  const request = {
    error,
    context: { dossier: { requestId: 'req_test', headers: {}, caller: { kind: 'public' } } },
  } as unknown as ApiRequest;
  requestContext(() => undefined).onError!(request);
  return request.response!.body;
}

describe('extension members in problem bodies', () => {
  it("spreads a quota refusal's figures before the standard members, byte for byte", async () => {
    const figures = { usedBytes: 10, reservedBytes: 20, limitBytes: 100, requestedBytes: 80 };
    expect(
      await answered(async () => {
        throw new QuotaExceededError(figures);
      }),
    ).toBe(
      '{"usedBytes":10,"reservedBytes":20,"limitBytes":100,"requestedBytes":80,' +
        '"type":"https://dossier.dev/problems/quota-exceeded","title":"Content Too Large","status":413,' +
        '"code":"QUOTA_EXCEEDED","detail":"The upload needs 80 bytes but the plan allows 70 more (limit 100, used 10, reserved 20)."}',
    );
    expect(
      await answered(async () => {
        throw new QuotaExceededError({ ...figures, requestedBytes: 40 }, 'half');
      }),
    ).toContain('"requestedBytes":40,"memberShareBytes":35,"type":');
  });

  it("keeps a template's exceeded budget when its field path is placed in the request, byte for byte", async () => {
    expect(
      await answered(async () => {
        throw new TemplateTooExpensive('header', 'iterations', 'Too many.');
      }),
    ).toBe(
      '{"budget":"iterations","type":"https://dossier.dev/problems/template-too-expensive",' +
        '"title":"Bad Request","status":400,"code":"TEMPLATE_TOO_EXPENSIVE","detail":"Too many.",' +
        '"errors":[{"path":"body.header","message":"Too many."}]}',
    );
  });

  it('carries extension members out of a task only when the refusal has some', () => {
    const message = (e: unknown) => (taskError(e) as Error).message;
    expect(message(new TemplateTooExpensive('body', 'time', 'Slow.'))).toBe(
      '{"detail":"Slow.","errors":[{"path":"body","message":"Slow."}],"extensions":{"budget":"time"},"headers":{}}',
    );
    expect(message(new DomainError('NOT_FOUND', 'Gone.'))).toBe('{"detail":"Gone.","errors":[],"headers":{}}');
  });
});
