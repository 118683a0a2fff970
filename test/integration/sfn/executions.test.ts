import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStepFunctions } from '#infra/local/sfn/local-step-functions';
import { eventually, fixture, recorder, startHarness, type Harness } from '#test/integration/sfn/harness';

describe('Standard executions', () => {
  let h: Harness;
  let convert: string;
  let approval: string;
  const approvals = recorder<{ taskToken: string; executionId: string }>();

  beforeAll(async () => {
    h = await startHarness({
      normalise: async (lead: { email: string }) => ({ email: lead.email.toLowerCase() }),
      score: async () => 3,
      'request-approval': approvals.handler,
    });
    const substitutions = {
      NormaliseFunctionArn: h.sfn.functionArn('normalise'),
      ScoreFunctionArn: h.sfn.functionArn('score'),
    };
    convert = h.sfn.register({ id: 'convert', type: 'STANDARD', definition: fixture('express-invoke'), substitutions });
    approval = h.sfn.register({
      id: 'approval',
      type: 'STANDARD',
      definition: fixture('approval-standard'),
      substitutions: { RequestApprovalFunctionArn: h.sfn.functionArn('request-approval') },
    });
  });
  afterAll(() => h.close());

  const start = (stateMachineArn: string, input: unknown, name?: string) =>
    h.client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  const settled = (executionArn: string) =>
    eventually(async () => {
      const execution = await h.client.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    });
  const history = async (executionArn: string) =>
    (await h.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!;
  const typesOf = (events: HistoryEvent[]) => events.map((event) => event.type);

  it('describes a finished execution as AWS does', async () => {
    const { executionArn, startDate } = await start(convert, { email: 'Ada@Example.com' }, 'lead-1');
    expect(executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:convert:lead-1');
    const done = await settled(executionArn!);
    expect(done).toMatchObject({
      executionArn,
      stateMachineArn: convert,
      name: 'lead-1',
      status: 'SUCCEEDED',
      input: '{"email":"Ada@Example.com"}',
      startDate,
    });
    expect(JSON.parse(done.output!)).toMatchObject({ email: 'ada@example.com', score: 3 });
    expect(done.stopDate).toBeInstanceOf(Date);
  });

  it('records the history of task and execution events in order', async () => {
    const { executionArn } = await start(convert, { email: 'B@x.io' });
    await settled(executionArn!);
    const events = await history(executionArn!);
    const task = ['TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited'];
    expect(typesOf(events)).toEqual(['ExecutionStarted', ...task, ...task, ...task, 'ExecutionSucceeded']);
    expect(events.map((event) => event.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.every((event) => event.timestamp instanceof Date)).toBe(true);
    expect(events[0].executionStartedEventDetails?.input).toBe('{"email":"B@x.io"}');
    expect(events[1].stateEnteredEventDetails).toMatchObject({ name: 'Normalise' });
    expect(events[2].taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
    });
    expect(JSON.parse(events[4].taskSucceededEventDetails!.output!)).toEqual({
      StatusCode: 200,
      Payload: { email: 'b@x.io' },
      ExecutedVersion: '$LATEST',
    });
    expect(JSON.parse(events.at(-1)!.executionSucceededEventDetails!.output!)).toMatchObject({ score: 3 });
  });

  it('records a failed task and the failed execution', async () => {
    const { executionArn } = await start(convert, { email: null });
    expect(await settled(executionArn!)).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    const events = await history(executionArn!);
    expect(typesOf(events).slice(-2)).toEqual(['TaskFailed', 'ExecutionFailed']);
    expect(events.at(-2)!.taskFailedEventDetails).toMatchObject({ resource: 'invoke', error: 'TypeError' });
    expect(events.at(-1)!.executionFailedEventDetails).toMatchObject({ error: 'TypeError' });
  });

  it('records Map iterations and the abort of a stopped execution, and pages through them', async () => {
    const { executionArn } = await start(approval, { stages: [{ name: 's', approvers: ['a', 'b'] }] });
    await eventually(() => approvals.events.filter((event) => event.executionId === executionArn).length === 2);
    await h.client.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'no longer needed' }));
    const events = await history(executionArn!);
    expect(typesOf(events)).toEqual(
      expect.arrayContaining(['MapStateEntered', 'MapIterationStarted', 'TaskScheduled']),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Withdrawn', cause: 'no longer needed' },
    });

    const first = await h.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2 }));
    const rest = await h.client.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken: first.nextToken }),
    );
    expect([...first.events!, ...rest.events!].map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect(rest.nextToken).toBeUndefined();
  });

  it('returns the same execution for a repeated name and input while it runs, and refuses a different input', async () => {
    const input = { stages: [{ name: 's', approvers: ['a'] }] };
    const first = await start(approval, input, 'approval-42');
    const again = await start(approval, input, 'approval-42');
    expect(again).toMatchObject({ executionArn: first.executionArn, startDate: first.startDate });
    await expect(start(approval, { stages: [] }, 'approval-42')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });

    const request = await eventually(() => approvals.events.find((event) => event.executionId === first.executionArn));
    await h.client.send(new SendTaskSuccessCommand({ taskToken: request.taskToken, output: '{}' }));
    await settled(first.executionArn!);
    await expect(start(approval, input, 'approval-42')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('refuses an execution name AWS would refuse', async () => {
    await expect(start(convert, {}, 'has space')).rejects.toMatchObject({ name: 'InvalidName' });
  });

  it('answers an unknown execution with ExecutionDoesNotExist', async () => {
    const executionArn = 'arn:aws:states:us-east-1:000000000000:execution:convert:never-started';
    await expect(h.client.send(new DescribeExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(h.client.send(new GetExecutionHistoryCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(h.client.send(new StopExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });
});

describe('closing the local service', () => {
  it('aborts what is still running and invalidates its task tokens', async () => {
    const approvals = recorder<{ taskToken: string }>();
    const sfn = new LocalStepFunctions({ functions: { ask: approvals.handler } });
    const stateMachineArn = sfn.register({
      id: 'approval',
      type: 'STANDARD',
      definition: fixture('approval-standard'),
      substitutions: { RequestApprovalFunctionArn: sfn.functionArn('ask') },
    });
    const { executionArn } = sfn.startExecution({
      stateMachineArn,
      input: JSON.stringify({ stages: [{ name: 's', approvers: ['a'] }] }),
    });
    const [request] = await eventually(() => (approvals.events.length ? approvals.events : undefined));
    await sfn.close();
    expect(sfn.describeExecution({ executionArn }).status).toBe('ABORTED');
    expect(() => sfn.sendTaskSuccess(request.taskToken, '{}')).toThrow(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
  });
});
