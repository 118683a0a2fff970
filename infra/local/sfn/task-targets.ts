import type { Json } from '#infra/local/sfn/json';
import { SfnError, StatesError } from '#infra/local/sfn/sfn-error';
import type { TaskState } from '#infra/local/sfn/task-states';

export type TaskKind = 'invoke' | 'token' | 'function';

export interface TaskTarget {
  kind: TaskKind;
  /** As AWS names it in the history: `invoke`, `invoke.waitForTaskToken` or the function ARN. */
  resource: string;
  /** Known when the function is fixed by the definition rather than chosen by a path at run time. */
  functionId?: string;
}

const SERVICE_RESOURCES: Record<string, TaskKind> = {
  'arn:aws:states:::lambda:invoke': 'invoke',
  'arn:aws:states:::lambda:invoke.waitForTaskToken': 'token',
};
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[^:]*:\d*:function:[^:]+(:[^:]+)?$/;

/** The function id inside any form Lambda accepts: name, `name:alias`, `account:function:name`, full ARN. */
export function functionIdOf(reference: string): string {
  const parts = reference.split(':');
  if (reference.startsWith('arn:')) return parts[6] ?? '';
  return parts[1] === 'function' ? parts[2] : parts[0];
}

/** Decides at registration how a Task runs locally, so a bad definition fails before any execution. */
export function taskTarget(task: TaskState, isKnownFunction: (id: string) => boolean): TaskTarget {
  const where = `Task state "${task.name}"`;
  const requireKnown = (id: string) => {
    if (!isKnownFunction(id))
      throw new SfnError('InvalidDefinition', `${where} calls function "${id}", which has no local handler`);
    return id;
  };
  if (FUNCTION_ARN.test(task.resource)) {
    return { kind: 'function', resource: task.resource, functionId: requireKnown(functionIdOf(task.resource)) };
  }
  const kind = SERVICE_RESOURCES[task.resource];
  if (!kind)
    throw new SfnError(
      'InvalidDefinition',
      `${where} uses Resource "${task.resource}", which the local runtime does not support (only Lambda)`,
    );
  const parameters = (task.parameters ?? {}) as Record<string, Json>;
  const fixed = parameters.FunctionName;
  if (typeof fixed !== 'string' && typeof parameters['FunctionName.$'] !== 'string') {
    throw new SfnError('InvalidDefinition', `${where} needs Parameters.FunctionName`);
  }
  if (kind === 'token' && !JSON.stringify(parameters).includes('$$.Task.Token')) {
    throw new SfnError('InvalidDefinition', `${where} waits for a task token but never passes $$.Task.Token`);
  }
  const resource = task.resource.slice('arn:aws:states:::lambda:'.length);
  return typeof fixed === 'string'
    ? { kind, resource, functionId: requireKnown(functionIdOf(fixed)) }
    : { kind, resource };
}

/**
 * The override receives the state's effective input, i.e. after `InputPath` and `Parameters`, so
 * for `lambda:invoke` it is `{ FunctionName, Payload }` and for a bare ARN it is the payload itself.
 */
export function invocation(target: TaskTarget, input: Json): { functionId: string; payload: Json } {
  if (target.kind === 'function') return { functionId: target.functionId!, payload: input };
  const { FunctionName, Payload } = (input ?? {}) as { FunctionName?: Json; Payload?: Json };
  if (typeof FunctionName !== 'string')
    throw new StatesError('States.Runtime', 'FunctionName did not resolve to a string');
  return { functionId: functionIdOf(FunctionName), payload: Payload === undefined ? {} : Payload };
}

/** `lambda:invoke` answers with Lambda's Invoke response, so `OutputPath: $.Payload` means the same here and on AWS. */
export function taskResult(target: TaskTarget, handlerResult: Json): Json {
  return target.kind === 'invoke'
    ? { StatusCode: 200, Payload: handlerResult, ExecutedVersion: '$LATEST' }
    : handlerResult;
}
