import { randomUUID } from 'node:crypto';
import { compileMachine, type CompiledMachine, type StateMachineSpec } from '#infra/local/sfn/compile-machine';
import { startRun, type Execution, type ExecutionRecord } from '#infra/local/sfn/executions';
import type { HistoryEvent } from '#infra/local/sfn/execution-history';
import { parseJsonText } from '#infra/local/sfn/json';
import { SfnError } from '#infra/local/sfn/sfn-error';
import type { TaskHandler } from '#infra/local/sfn/task-overrides';
import { TaskTokens } from '#infra/local/sfn/task-tokens';

export type { StateMachineSpec } from '#infra/local/sfn/compile-machine';
export type { TaskHandler } from '#infra/local/sfn/task-overrides';

export interface LocalStepFunctionsOptions {
  region?: string;
  accountId?: string;
  /** Task handlers by function id, the last part of the function ARN. */
  functions: Record<string, TaskHandler>;
  /** Milliseconds after which a token Task state of this name times out, instead of its own timeout (tests). */
  taskTimeoutOverrides?: Record<string, number>;
}

export interface StartExecutionInput {
  stateMachineArn: string;
  name?: string;
  input?: string;
}

export type SyncExecutionResult = Omit<ExecutionRecord, 'status' | 'stopDate'> & {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  stopDate: Date;
};

const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

/**
 * The Step Functions API subset Dossier uses, running the real ASL in process with aws-local-stepfunctions.
 * Executions live in memory only: a restart forgets them, and with them any task waiting on a token.
 */
export class LocalStepFunctions {
  readonly region: string;
  readonly accountId: string;
  private readonly functions: Record<string, TaskHandler>;
  private readonly timeoutOverrides: Record<string, number>;
  private readonly machines = new Map<string, CompiledMachine>();
  private readonly executions = new Map<string, Execution>();
  /** Express runs are not kept (AWS cannot describe them either) but must still stop on close. */
  private readonly unrecorded = new Set<Execution>();
  private readonly tokens = new TaskTokens();
  private readonly started = new Date();

  constructor(opts: LocalStepFunctionsOptions) {
    this.region = opts.region ?? 'us-east-1';
    this.accountId = opts.accountId ?? '000000000000';
    this.functions = opts.functions;
    this.timeoutOverrides = opts.taskTimeoutOverrides ?? {};
  }

  functionArn(id: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${id}`;
  }

  stateMachineArn(id: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${id}`;
  }

  /** Registering an id again replaces its definition for new executions, so edited ASL can be reloaded. */
  register(spec: StateMachineSpec): string {
    const arn = this.stateMachineArn(spec.id);
    this.machines.set(
      arn,
      compileMachine(spec, arn, (id) => Object.hasOwn(this.functions, id), this.timeoutOverrides),
    );
    return arn;
  }

  startExecution({ stateMachineArn, name = randomUUID(), input = '{}' }: StartExecutionInput): {
    executionArn: string;
    startDate: Date;
  } {
    const machine = this.machine(stateMachineArn);
    const executionArn = this.executionArn(machine, name);
    const existing = this.executions.get(executionArn)?.record;
    if (existing) {
      // Standard StartExecution is idempotent only while the first run is open and the input matches.
      if (existing.status === 'RUNNING' && existing.input === input)
        return { executionArn, startDate: existing.startDate };
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution = this.run(machine, executionArn, name, input);
    if (machine.type === 'STANDARD') this.executions.set(executionArn, execution);
    else void this.forgetWhenDone(execution);
    return { executionArn, startDate: execution.record.startDate };
  }

  async startSyncExecution({
    stateMachineArn,
    name = randomUUID(),
    input = '{}',
  }: StartExecutionInput): Promise<SyncExecutionResult> {
    const machine = this.machine(stateMachineArn);
    if (machine.type !== 'EXPRESS')
      throw new SfnError(
        'StateMachineTypeNotSupported',
        'This operation is not supported by this type of state machine',
      );
    const execution = this.run(machine, this.executionArn(machine, name), name, input);
    await this.forgetWhenDone(execution);
    return execution.record as SyncExecutionResult;
  }

  /** What the health check asks: does the machine exist (AWS answers StateMachineDoesNotExist otherwise). */
  describeStateMachine({ stateMachineArn }: { stateMachineArn: string }): {
    stateMachineArn: string;
    name: string;
    status: 'ACTIVE';
    type: string;
    roleArn: string;
    creationDate: Date;
  } {
    const machine = this.machine(stateMachineArn);
    return {
      stateMachineArn,
      name: machine.id,
      status: 'ACTIVE',
      type: machine.type,
      roleArn: `arn:aws:iam::${this.accountId}:role/local`,
      creationDate: this.started,
    };
  }

  describeExecution({ executionArn }: { executionArn: string }): ExecutionRecord {
    return { ...this.execution(executionArn).record };
  }

  async stopExecution({
    executionArn,
    error,
    cause,
  }: {
    executionArn: string;
    error?: string;
    cause?: string;
  }): Promise<{ stopDate: Date }> {
    const execution = this.execution(executionArn);
    await execution.stop(error, cause);
    return { stopDate: execution.record.stopDate! };
  }

  getExecutionHistory(request: {
    executionArn: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
  }): { events: HistoryEvent[]; nextToken?: string } {
    const all = this.execution(request.executionArn).history?.events ?? [];
    const ordered = request.reverseOrder ? [...all].reverse() : all;
    const start = request.nextToken === undefined ? 0 : Number(request.nextToken);
    if (!Number.isInteger(start) || start < 0 || start > ordered.length)
      throw new SfnError('InvalidToken', 'Invalid nextToken');
    const end = start + (request.maxResults || 100);
    return { events: ordered.slice(start, end), ...(end < ordered.length && { nextToken: String(end) }) };
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    this.tokens.succeed(taskToken, parseJsonText(output, 'InvalidOutput', 'Task output'));
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.fail(taskToken, error, cause);
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.heartbeat(taskToken);
  }

  async close(): Promise<void> {
    const open = [...this.executions.values(), ...this.unrecorded];
    await Promise.all(open.map((execution) => execution.stop('Shutdown', 'The local Step Functions service closed')));
    this.tokens.closeAll(new SfnError('ExecutionAborted', 'The local Step Functions service closed'));
  }

  private run(machine: CompiledMachine, executionArn: string, name: string, input: string): Execution {
    if (!EXECUTION_NAME.test(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    const json = parseJsonText(input, 'InvalidExecutionInput', 'Execution input');
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      input,
      startDate: new Date(),
    };
    const deps = {
      region: this.region,
      accountId: this.accountId,
      functions: this.functions,
      tokens: this.tokens,
      recordHistory: machine.type === 'STANDARD',
    };
    return startRun(machine, record, json, deps);
  }

  private forgetWhenDone(execution: Execution): Promise<void> {
    this.unrecorded.add(execution);
    return execution.done.finally(() => this.unrecorded.delete(execution));
  }

  private executionArn(machine: CompiledMachine, name: string): string {
    const prefix = `arn:aws:states:${this.region}:${this.accountId}`;
    return machine.type === 'STANDARD'
      ? `${prefix}:execution:${machine.id}:${name}`
      : `${prefix}:express:${machine.id}:${name}:${randomUUID()}`;
  }

  private machine(arn: string): CompiledMachine {
    const machine = this.machines.get(arn);
    if (!machine) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private execution(arn: string): Execution {
    const execution = this.executions.get(arn);
    if (!execution) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }
}
