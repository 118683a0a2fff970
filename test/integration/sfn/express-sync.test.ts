import { DescribeExecutionCommand, StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHarness, type Harness } from '#test/integration/sfn/harness';

describe('StartSyncExecution on an Express machine', () => {
  let h: Harness;
  let express: string;
  let standard: string;

  beforeAll(async () => {
    h = await startHarness({
      normalise: async (lead: { email: string }) => ({ email: lead.email.trim().toLowerCase() }),
      score: async (lead: { email: string }) => (lead.email.endsWith('@example.com') ? 10 : 1),
      wait: async () => undefined,
    });
    const substitutions = {
      NormaliseFunctionArn: h.sfn.functionArn('normalise'),
      ScoreFunctionArn: h.sfn.functionArn('score'),
    };
    express = h.sfn.register({
      id: 'convert-lead',
      type: 'EXPRESS',
      definition: fixture('express-invoke'),
      substitutions,
    });
    standard = h.sfn.register({
      id: 'convert-lead-standard',
      type: 'STANDARD',
      definition: fixture('express-invoke'),
      substitutions,
    });
  });
  afterAll(() => h.close());

  it('runs lambda:invoke tasks and unwraps their Invoke response with OutputPath $.Payload', async () => {
    const result = await h.client.send(
      new StartSyncExecutionCommand({
        stateMachineArn: express,
        input: JSON.stringify({ email: '  Ada@Example.com ' }),
      }),
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output!)).toEqual({
      email: 'ada@example.com',
      score: 10,
      audit: { statusCode: 200, version: '$LATEST' },
    });
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:convert-lead:/);
    expect(result.startDate).toBeInstanceOf(Date);
    expect(result.stopDate!.getTime()).toBeGreaterThanOrEqual(result.startDate!.getTime());
  });

  it('reports a task failure as a FAILED result with the error name and message', async () => {
    const result = await h.client.send(
      new StartSyncExecutionCommand({ stateMachineArn: express, input: '{"email": 42}' }),
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(result.cause).toMatch(/trim/);
    expect(result.output).toBeUndefined();
  });

  it('also starts Express executions asynchronously, which, as on AWS, cannot be described', async () => {
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: express, input: '{"email": "a@b.c"}' }),
    );
    expect(executionArn).toContain(':express:convert-lead:');
    await expect(h.client.send(new DescribeExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });

  it('refuses a Standard machine with StateMachineTypeNotSupported', async () => {
    await expect(
      h.client.send(new StartSyncExecutionCommand({ stateMachineArn: standard, input: '{}' })),
    ).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
  });

  it('refuses input that is not JSON with InvalidExecutionInput', async () => {
    await expect(
      h.client.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{oops' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: standard, input: 'nope' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });

  it('answers an unknown state machine with StateMachineDoesNotExist', async () => {
    const stateMachineArn = h.sfn.stateMachineArn('missing');
    await expect(h.client.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{}' }))).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
  });

  it('answers operations it does not serve with UnknownOperationException', async () => {
    const response = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('answers a malformed request with ValidationException', async () => {
    const response = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.DescribeExecution' },
      body: '{"executionArn": 7}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      __type: 'ValidationException',
      message: expect.stringContaining('executionArn'),
    });
  });
});
