import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExecutionHistory } from '#infra/local/sfn/execution-history';
import { asJson, replaceInStrings, type Json } from '#infra/local/sfn/json';
import { LOCAL_TIMEOUT_PARAMETER } from '#infra/local/sfn/compile-machine';
import { StatesError } from '#infra/local/sfn/sfn-error';
import { invocation, taskResult, type TaskTarget } from '#infra/local/sfn/task-targets';
import { TASK_TOKEN_PLACEHOLDER, type TaskTokens, type TokenLimits } from '#infra/local/sfn/task-tokens';

export type TaskHandler = (event: any) => Promise<any>;

export interface CompiledTask {
  name: string;
  target: TaskTarget;
  limits: TokenLimits;
}

export interface RunScope {
  executionArn: string;
  region: string;
  functions: Record<string, TaskHandler>;
  tokens: TaskTokens;
  history?: ExecutionHistory;
  isOpen(): boolean;
}

type Override = (input: Json) => Promise<Json>;

/** One override per Task state name, bound to a single execution. */
export function taskOverrides(tasks: CompiledTask[], scope: RunScope): Record<string, Override> {
  return Object.fromEntries(tasks.map((task) => [task.name, (input: Json) => runTask(task, input, scope)]));
}

async function runTask(task: CompiledTask, input: Json, scope: RunScope): Promise<Json> {
  // The library calls the override before its event log has delivered TaskStateEntered; one turn lets it.
  await nextTurn();
  // A Retry wait ends early on abort and re-enters the task; a stopped execution must not mint tokens.
  if (!scope.isOpen()) throw new StatesError('States.Runtime', 'The execution is no longer running');
  const details = { resourceType: 'lambda', resource: task.target.resource };
  const { input: given, timeoutSeconds } = takeLocalTimeout(input);
  const limits = timeoutSeconds === undefined ? task.limits : { ...task.limits, timeoutSeconds };
  // The token exists before the handler runs, since a handler may complete it before returning.
  const waiter = task.target.kind === 'token' ? scope.tokens.open(scope.executionArn, limits) : undefined;
  try {
    const effective = waiter ? replaceInStrings(given, TASK_TOKEN_PLACEHOLDER, waiter.token) : given;
    const { functionId, payload } = invocation(task.target, effective);
    const handler = scope.functions[functionId];
    if (!handler) throw new StatesError('Lambda.ResourceNotFoundException', `Function not found: ${functionId}`);
    const { timeoutSeconds: timeoutInSeconds, heartbeatSeconds: heartbeatInSeconds } = limits;
    scope.history?.add('TaskScheduled', {
      ...details,
      region: scope.region,
      parameters: JSON.stringify(effective),
      timeoutInSeconds,
      heartbeatInSeconds,
    });
    scope.history?.add('TaskStarted', details);
    const result = asJson(await handler(asJson(payload)));
    const output = waiter ? await waiter.output : taskResult(task.target, result);
    scope.history?.add('TaskSucceeded', { ...details, output: JSON.stringify(output) });
    return output;
  } catch (error) {
    if (waiter) scope.tokens.discard(waiter.token);
    throw error instanceof StatesError ? error : StatesError.from(error);
  }
}

/** The TimeoutSecondsPath value compileMachine routed through the parameters, if any. */
function takeLocalTimeout(input: Json): { input: Json; timeoutSeconds?: number } {
  if (!input || typeof input !== 'object' || Array.isArray(input) || !(LOCAL_TIMEOUT_PARAMETER in input))
    return { input };
  const { [LOCAL_TIMEOUT_PARAMETER]: seconds, ...rest } = input;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1)
    throw new StatesError('States.Runtime', 'TimeoutSecondsPath must point to a positive integer');
  return { input: rest, timeoutSeconds: seconds };
}
