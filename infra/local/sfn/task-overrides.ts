import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExecutionHistory } from '#infra/local/sfn/execution-history';
import { asJson, replaceInStrings, type Json } from '#infra/local/sfn/json';
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
}

type Override = (input: Json) => Promise<Json>;

/** One override per Task state name, bound to a single execution. */
export function taskOverrides(tasks: CompiledTask[], scope: RunScope): Record<string, Override> {
  return Object.fromEntries(tasks.map((task) => [task.name, (input: Json) => runTask(task, input, scope)]));
}

async function runTask(task: CompiledTask, input: Json, scope: RunScope): Promise<Json> {
  // The library calls the override before its event log has delivered TaskStateEntered; one turn lets it.
  await nextTurn();
  const details = { resourceType: 'lambda', resource: task.target.resource };
  try {
    const { functionId, payload } = invocation(task.target, input);
    const handler = scope.functions[functionId];
    if (!handler) throw new StatesError('Lambda.ResourceNotFoundException', `Function not found: ${functionId}`);
    const { timeoutSeconds: timeoutInSeconds, heartbeatSeconds: heartbeatInSeconds } = task.limits;
    scope.history?.add('TaskScheduled', { ...details, region: scope.region, parameters: JSON.stringify(input), timeoutInSeconds, heartbeatInSeconds });
    scope.history?.add('TaskStarted', details);
    const output = task.target.kind === 'token' ? await awaitToken(task, payload, handler, scope) : taskResult(task.target, asJson(await handler(asJson(payload))));
    scope.history?.add('TaskSucceeded', { ...details, output: JSON.stringify(output) });
    return output;
  } catch (error) {
    throw error instanceof StatesError ? error : StatesError.from(error);
  }
}

/** The token exists before the handler runs, since a handler may complete it before returning. */
async function awaitToken(task: CompiledTask, payload: Json, handler: TaskHandler, scope: RunScope): Promise<Json> {
  const { token, output } = scope.tokens.open(scope.executionArn, task.limits);
  try {
    await handler(replaceInStrings(payload, TASK_TOKEN_PLACEHOLDER, token));
  } catch (error) {
    scope.tokens.discard(token);
    throw error;
  }
  return output;
}
