import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHarness, type Harness } from '#test/integration/sfn/harness';

class QuotaExceeded extends Error {
  override name = 'QuotaExceeded';
}
class QuotaBusy extends Error {
  override name = 'QuotaBusy';
}

describe('task errors in Retry and Catch', () => {
  let h: Harness;
  let arn: string;
  const attempts = new Map<string, number>();

  beforeAll(async () => {
    h = await startHarness({
      reserve: async ({ id, behaviour }: { id: string; behaviour: string }) => {
        const attempt = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, attempt);
        if (behaviour === 'over-quota') throw new QuotaExceeded('plan allows 1 GiB');
        if (behaviour === 'busy-once' && attempt === 1) throw new QuotaBusy('try again');
        if (behaviour === 'broken') throw new RangeError('size must be positive');
        return { id, reserved: true, attempt };
      },
    });
    arn = h.sfn.register({
      id: 'reserve',
      type: 'EXPRESS',
      definition: fixture('retry-catch'),
      substitutions: { ReserveFunctionArn: h.sfn.functionArn('reserve') },
    });
  });
  afterAll(() => h.close());

  const run = (input: object) =>
    h.client.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(input) }));

  it('routes an error to the Catch whose ErrorEquals names it, with Error and Cause', async () => {
    const result = await run({ id: 'a', behaviour: 'over-quota' });
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output!)).toEqual({ refused: true, error: 'QuotaExceeded', cause: 'plan allows 1 GiB' });
  });

  it('retries an error named in Retry and succeeds on the next attempt', async () => {
    const result = await run({ id: 'b', behaviour: 'busy-once' });
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output!)).toEqual({ id: 'b', reserved: true, attempt: 2 });
  });

  it('fails the execution with an error no Retry or Catch names', async () => {
    const result = await run({ id: 'c', behaviour: 'broken' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'RangeError', cause: 'size must be positive' });
    expect(attempts.get('c')).toBe(1);
  });
});
