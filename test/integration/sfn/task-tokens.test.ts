import { randomBytes } from 'node:crypto';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture, recorder, startHarness, type Harness } from '#test/integration/sfn/harness';

interface ApprovalRequest {
  taskToken: string;
  approver: string;
  stage: string;
  executionId: string;
}
interface SignatureRequest {
  taskToken: string;
  who: string;
}

const stages = [
  { name: 'legal', approvers: ['ana', 'ben'] },
  { name: 'finance', approvers: ['cy'] },
];

describe('waiting for task tokens', () => {
  let h: Harness;
  let approval: string;
  let signature: string;
  const approvals = recorder<ApprovalRequest>();
  const signatures = recorder<SignatureRequest>();

  beforeAll(async () => {
    h = await startHarness({ 'request-approval': approvals.handler, 'request-signature': signatures.handler });
    approval = h.sfn.register({
      id: 'approval',
      type: 'STANDARD',
      definition: fixture('approval-standard'),
      substitutions: { RequestApprovalFunctionArn: h.sfn.functionArn('request-approval') },
    });
    signature = h.sfn.register({
      id: 'signature',
      type: 'STANDARD',
      definition: fixture('heartbeat-standard'),
      substitutions: { RequestSignatureFunctionArn: h.sfn.functionArn('request-signature') },
    });
  });
  afterAll(() => h.close());

  async function startApproval(): Promise<{ executionArn: string; requests: ApprovalRequest[] }> {
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: approval, input: JSON.stringify({ stages }) }),
    );
    const requests = await eventually(() => {
      const mine = approvals.events.filter((event) => event.executionId === executionArn);
      return mine.length === 3 ? mine : undefined;
    });
    return { executionArn: executionArn!, requests };
  }
  const describeExecution = (executionArn: string) => h.client.send(new DescribeExecutionCommand({ executionArn }));
  const settled = (executionArn: string) =>
    eventually(async () => {
      const execution = await describeExecution(executionArn);
      return execution.status === 'RUNNING' ? undefined : execution;
    });
  const succeed = (taskToken: string, output: unknown) =>
    h.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));

  it('gives every approver in a nested Map a token of their own and resumes when all succeed', async () => {
    const { executionArn, requests } = await startApproval();
    const tokens = new Set(requests.map((request) => request.taskToken));
    expect(tokens.size).toBe(3);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(requests.map((r) => `${r.stage}/${r.approver}`).sort()).toEqual(['finance/cy', 'legal/ana', 'legal/ben']);
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');
    const { events } = await h.client.send(new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = events!
      .filter((event) => event.type === 'TaskScheduled')
      .map((event) => JSON.parse(event.taskScheduledEventDetails!.parameters!));
    expect(new Set(scheduled.map((parameters) => parameters.Payload.taskToken))).toEqual(tokens);

    for (const request of requests) await succeed(request.taskToken, { approver: request.approver, approved: true });
    const done = await settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).decisions).toEqual([
      [
        { approver: 'ana', approved: true },
        { approver: 'ben', approved: true },
      ],
      [{ approver: 'cy', approved: true }],
    ]);
    await expect(succeed(requests[0].taskToken, {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('fails the execution with the error and cause given to SendTaskFailure, and closes the other tokens', async () => {
    const { executionArn, requests } = await startApproval();
    await succeed(requests[0].taskToken, { approved: true });
    await h.client.send(
      new SendTaskFailureCommand({ taskToken: requests[1].taskToken, error: 'Rejected', cause: 'over budget' }),
    );
    expect(await settled(executionArn)).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'over budget' });
    await expect(succeed(requests[2].taskToken, {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('aborts on StopExecution and then rejects the tokens it handed out', async () => {
    const { executionArn, requests } = await startApproval();
    const { stopDate } = await h.client.send(
      new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'document deleted' }),
    );
    expect(stopDate).toBeInstanceOf(Date);
    expect(await describeExecution(executionArn)).toMatchObject({
      status: 'ABORTED',
      error: 'Withdrawn',
      cause: 'document deleted',
    });
    for (const request of requests)
      await expect(succeed(request.taskToken, {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('answers a token it never issued with TaskDoesNotExist and a malformed one with InvalidToken', async () => {
    await expect(succeed(randomBytes(32).toString('base64url'), {})).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    await expect(succeed('not-a-token', {})).rejects.toMatchObject({ name: 'InvalidToken' });
    await expect(h.client.send(new SendTaskHeartbeatCommand({ taskToken: 'not-a-token' }))).rejects.toMatchObject({
      name: 'InvalidToken',
    });
  });

  it('refuses task output that is not JSON with InvalidOutput and keeps the task waiting', async () => {
    const { executionArn, requests } = await startApproval();
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: requests[0].taskToken, output: '{nope' })),
    ).rejects.toMatchObject({ name: 'InvalidOutput' });
    await succeed(requests[0].taskToken, { approved: true });
    await h.client.send(new StopExecutionCommand({ executionArn }));
  });

  it('times a task out after HeartbeatSeconds without a heartbeat, and after TimeoutSeconds even with them', async () => {
    const start = async (who: string) =>
      (await h.client.send(new StartExecutionCommand({ stateMachineArn: signature, input: JSON.stringify({ who }) })))
        .executionArn!;
    const [silent, chatty] = await Promise.all([start('silent'), start('chatty')]);
    const chattyToken = (await eventually(() => signatures.events.find((event) => event.who === 'chatty'))).taskToken;
    const beating = setInterval(
      () => void h.client.send(new SendTaskHeartbeatCommand({ taskToken: chattyToken })).catch(() => undefined),
      300,
    );
    try {
      expect(await settled(silent)).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
      expect(await settled(chatty)).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    } finally {
      clearInterval(beating);
    }
    await expect(succeed(chattyToken, {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });
});
