import { DescribeExecutionCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, recorder, startHarness, type Harness } from '#test/integration/sfn/harness';

// A token task's TimeoutSecondsPath (approval deadlines) is enforced on the token itself: the step
// times out into its Catch, and the token is dead afterwards, as on AWS.
const definition = JSON.stringify({
  StartAt: 'Wait',
  States: {
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: '${AskFunctionArn}', Payload: { 'token.$': '$$.Task.Token' } },
      TimeoutSecondsPath: '$.seconds',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'TimedOut' }],
      End: true,
    },
    TimedOut: { Type: 'Pass', Result: 'timed out', End: true },
  },
});

describe('TimeoutSecondsPath on a task-token step', () => {
  let h: Harness;
  let arn: string;
  const asks = recorder<{ token: string }>();

  beforeAll(async () => {
    h = await startHarness({ ask: asks.handler });
    arn = h.sfn.register({
      id: 'timed',
      type: 'STANDARD',
      definition,
      substitutions: { AskFunctionArn: h.sfn.functionArn('ask') },
    });
  });
  afterAll(() => h.close());

  it('times out after the seconds the input names; the token is then refused', async () => {
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ seconds: 1 }) }),
    );
    const started = Date.now();
    const ask = await eventually(() => asks.events.at(-1));
    expect(ask).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const done = await eventually(async () => {
      const e = await h.client.send(new DescribeExecutionCommand({ executionArn }));
      return e.status === 'RUNNING' ? undefined : e;
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '"timed out"' });
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: ask.token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('answers before the timeout normally', async () => {
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ seconds: 60 }) }),
    );
    const ask = await eventually(() => asks.events[1]);
    await h.client.send(new SendTaskSuccessCommand({ taskToken: ask.token, output: '{"ok":true}' }));
    const done = await eventually(async () => {
      const e = await h.client.send(new DescribeExecutionCommand({ executionArn }));
      return e.status === 'RUNNING' ? undefined : e;
    });
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
  });
});
