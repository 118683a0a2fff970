import { describe, expect, it } from 'vitest';
import { LocalStepFunctions } from '#infra/local/sfn/local-step-functions';
import { taskStates } from '#infra/local/sfn/task-states';
import { fixture } from '#test/integration/sfn/harness';

const sfn = new LocalStepFunctions({
  functions: { notify: async () => ({}), normalise: async () => ({}), score: async () => 0 },
});
const expressInvoke = fixture('express-invoke');
const arnOf = (id: string) => sfn.functionArn(id);

describe('registering a state machine', () => {
  it('finds Task states inside Map item processors and Parallel branches', () => {
    const tasks = taskStates(JSON.parse(fixture('approval-standard')));
    expect(tasks.map((task) => [task.name, task.resource])).toEqual([
      ['AskApprover', 'arn:aws:states:::lambda:invoke.waitForTaskToken'],
    ]);
    expect(tasks[0].parameters).toMatchObject({ FunctionName: '${RequestApprovalFunctionArn}' });
    const branches = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'r1', End: true } } },
            {
              StartAt: 'B',
              States: {
                B: {
                  Type: 'Map',
                  End: true,
                  Iterator: { StartAt: 'C', States: { C: { Type: 'Task', Resource: 'r2', End: true } } },
                },
              },
            },
          ],
        },
      },
    };
    expect(taskStates(branches).map((task) => task.name)).toEqual(['A', 'C']);
  });

  it('rejects two Task states with the same name, since overrides are keyed by name', () => {
    expect(() =>
      sfn.register({
        id: 'dup',
        type: 'STANDARD',
        definition: fixture('duplicate-task-names'),
        substitutions: { NotifyFunctionArn: arnOf('notify') },
      }),
    ).toThrow(
      expect.objectContaining({
        name: 'InvalidDefinition',
        message: expect.stringContaining('"Notify" is used more than once'),
      }),
    );
  });

  it('rejects a definition with a placeholder no substitution resolves', () => {
    expect(() =>
      sfn.register({
        id: 'unresolved',
        type: 'EXPRESS',
        definition: expressInvoke,
        substitutions: { NormaliseFunctionArn: arnOf('normalise') },
      }),
    ).toThrow('Unresolved definition substitutions: ${ScoreFunctionArn}');
  });

  it('rejects a Task that calls a function with no local handler', () => {
    const substitutions = { NormaliseFunctionArn: arnOf('normalise'), ScoreFunctionArn: arnOf('nobody') };
    expect(() => sfn.register({ id: 'unknown-fn', type: 'EXPRESS', definition: expressInvoke, substitutions })).toThrow(
      'calls function "nobody", which has no local handler',
    );
  });

  it('rejects a Task resource other than Lambda', () => {
    const definition = JSON.stringify({
      StartAt: 'Q',
      States: {
        Q: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: 'q', MessageBody: 'm' },
          End: true,
        },
      },
    });
    expect(() => sfn.register({ id: 'sqs', type: 'STANDARD', definition, substitutions: {} })).toThrow(
      /Resource "arn:aws:states:::sqs:sendMessage"/,
    );
  });

  it('rejects task tokens on an Express machine, as AWS does', () => {
    expect(() =>
      sfn.register({
        id: 'express-tokens',
        type: 'EXPRESS',
        definition: fixture('approval-standard'),
        substitutions: { RequestApprovalFunctionArn: arnOf('notify') },
      }),
    ).toThrow('Express state machines cannot wait for task tokens');
  });

  it('returns the ARN a deployed machine would have', () => {
    const substitutions = { NormaliseFunctionArn: arnOf('normalise'), ScoreFunctionArn: arnOf('score') };
    expect(sfn.register({ id: 'convert', type: 'EXPRESS', definition: expressInvoke, substitutions })).toBe(
      'arn:aws:states:us-east-1:000000000000:stateMachine:convert',
    );
    expect(arnOf('score')).toBe('arn:aws:lambda:us-east-1:000000000000:function:score');
  });
});
