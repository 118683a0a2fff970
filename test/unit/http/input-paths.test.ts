import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { inRequestPart } from '#http/input-paths';

const thrown = (p: Promise<unknown>): Promise<DomainError> =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as DomainError,
  );

describe('field paths in problem bodies', () => {
  it("places a use case's relative paths in the part of the request they came from", async () => {
    const e = await thrown(
      inRequestPart('body', async () => {
        throw new DomainError('VALIDATION', 'bad', [
          { path: 'customFields.budget', message: 'x' },
          { path: '', message: 'is empty' },
        ]);
      }),
    );
    expect(e.errors).toEqual([
      { path: 'body.customFields.budget', message: 'x' },
      { path: 'body', message: 'is empty' },
    ]);
    expect(e.code).toBe('VALIDATION');
  });

  it('leaves errors without paths as they are', async () => {
    const original = new DomainError('NOT_FOUND', 'gone');
    expect(
      await thrown(
        inRequestPart('query', async () => {
          throw original;
        }),
      ),
    ).toBe(original);
  });
});
