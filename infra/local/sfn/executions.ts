import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import type { CompiledMachine } from '#infra/local/sfn/compile-machine';
import { ExecutionHistory } from '#infra/local/sfn/execution-history';
import type { Json } from '#infra/local/sfn/json';
import { SfnError } from '#infra/local/sfn/sfn-error';
import { taskOverrides, type RunScope } from '#infra/local/sfn/task-overrides';
import { TASK_TOKEN_PLACEHOLDER } from '#infra/local/sfn/task-tokens';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
}

export interface Execution {
  record: ExecutionRecord;
  history?: ExecutionHistory;
  /** Settles once the record is final and the history complete. */
  done: Promise<void>;
  stop(error?: string, cause?: string): Promise<void>;
}

type RunDeps = Omit<RunScope, 'executionArn' | 'history' | 'isOpen'> & { accountId: string; recordHistory: boolean };

export function startRun(machine: CompiledMachine, record: ExecutionRecord, input: Json, deps: RunDeps): Execution {
  const { tokens, accountId } = deps;
  const resources = new Map(
    machine.tasks.map((task) => [task.name, { resourceType: 'lambda', resource: task.target.resource }]),
  );
  const history = deps.recordHistory ? new ExecutionHistory((name) => resources.get(name)) : undefined;
  const roleArn = `arn:aws:iam::${accountId}:role/local-step-functions`;
  history?.add('ExecutionStarted', { input: record.input, roleArn }, record.startDate);
  const context = {
    Execution: { Id: record.executionArn, Name: record.name, RoleArn: roleArn },
    StateMachine: { Id: machine.arn, Name: machine.id },
    Task: { Token: TASK_TOKEN_PLACEHOLDER },
  };
  const scope: RunScope = {
    ...deps,
    executionArn: record.executionArn,
    history,
    isOpen: () => record.status === 'RUNNING',
  };
  const run = machine.machine.run(input, {
    context,
    overrides: { taskResourceLocalHandlers: taskOverrides(machine.tasks, scope) },
  });
  const followed = history ? history.follow(run.eventLogs) : Promise.resolve();

  const outcome = run.result.then(
    (output): Partial<ExecutionRecord> => ({ status: 'SUCCEEDED', output: JSON.stringify(output) }),
    outcomeOf,
  );
  const done = outcome.then(async (result) => {
    const stopDate = new Date();
    // The event log trails the result by a few microtasks; the history is complete once it ends.
    await followed.catch(() => undefined);
    if (record.status === 'RUNNING') Object.assign(record, result, { stopDate });
    tokens.closeExecution(record.executionArn, new SfnError('ExecutionClosed', `Execution ${record.status}`));
    history?.add(...finalEvent(record));
  });

  async function stop(error?: string, cause?: string) {
    if (record.status === 'RUNNING') {
      Object.assign(record, { status: 'ABORTED', error, cause, stopDate: new Date() });
      run.abort();
      tokens.closeExecution(record.executionArn, new SfnError('ExecutionAborted', 'Execution aborted'));
    }
    await done;
  }
  return { record, history, done, stop };
}

function outcomeOf(error: unknown): Partial<ExecutionRecord> {
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (error instanceof ExecutionTimeoutError)
    return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than its TimeoutSeconds' };
  const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : (error as Error);
  return { status: 'FAILED', error: failure.name || undefined, cause: failure.message || undefined };
}

function finalEvent(record: ExecutionRecord): [string, Record<string, unknown>, Date] {
  const { error, cause, output, stopDate } = record;
  const type = {
    RUNNING: 'ExecutionFailed',
    SUCCEEDED: 'ExecutionSucceeded',
    FAILED: 'ExecutionFailed',
    ABORTED: 'ExecutionAborted',
    TIMED_OUT: 'ExecutionTimedOut',
  }[record.status];
  return [type, record.status === 'SUCCEEDED' ? { output } : { error, cause }, stopDate!];
}
