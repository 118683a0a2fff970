import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { substituteDefinition } from '#infra/local/sfn/definition-substitutions';
import { SfnError } from '#infra/local/sfn/sfn-error';
import type { CompiledTask } from '#infra/local/sfn/task-overrides';
import { taskStates } from '#infra/local/sfn/task-states';
import { taskTarget } from '#infra/local/sfn/task-targets';

export type StateMachineType = 'STANDARD' | 'EXPRESS';

export interface StateMachineSpec {
  id: string;
  /** ASL text as in `statemachines/`, with CloudFormation `${...}` placeholders. */
  definition: string;
  type: StateMachineType;
  substitutions: Record<string, string>;
}

export interface CompiledMachine {
  arn: string;
  id: string;
  type: StateMachineType;
  machine: StateMachine;
  tasks: CompiledTask[];
}

/**
 * The library times a Task out after 60 s unless it says otherwise, where AWS waits 99999999 s;
 * an approval waiting on a person must not fail locally after a minute. This is the largest
 * delay `setTimeout` holds (about 24.8 days).
 */
const UNBOUNDED_TASK_SECONDS = 2_147_483;

/** Where a `TimeoutSecondsPath` value rides into the override, which sees only the effective input. */
export const LOCAL_TIMEOUT_PARAMETER = '@@localTimeoutSeconds';

export function compileMachine(
  spec: StateMachineSpec,
  arn: string,
  isKnownFunction: (id: string) => boolean,
  timeoutOverrides: Record<string, number> = {},
): CompiledMachine {
  const text = substituteDefinition(spec.definition, spec.substitutions);
  if (/"QueryLanguage"\s*:\s*"JSONata"/.test(text)) {
    throw new SfnError(
      'InvalidDefinition',
      `${spec.id}: JSONata is not supported by aws-local-stepfunctions; use JSONPath`,
    );
  }
  let definition: StateMachineDefinition;
  try {
    definition = JSON.parse(text) as StateMachineDefinition;
  } catch (error) {
    throw new SfnError('InvalidDefinition', `${spec.id}: definition is not valid JSON: ${(error as Error).message}`);
  }
  const tasks = taskStates(definition).map((task): CompiledTask => {
    const { name, state } = task;
    const target = taskTarget(task, isKnownFunction);
    if (target.kind === 'token' && spec.type === 'EXPRESS') {
      throw new SfnError(
        'InvalidDefinition',
        `${spec.id}: Express state machines cannot wait for task tokens (Task state "${name}")`,
      );
    }
    const override = timeoutOverrides[name];
    const limits = {
      timeoutSeconds: override !== undefined ? override / 1000 : (state.TimeoutSeconds as number | undefined),
      heartbeatSeconds: state.HeartbeatSeconds as number | undefined,
    };
    // A token task's TimeoutSecondsPath is enforced by the token itself (the library's own timer
    // would leave the token waiting, and overflows setTimeout past 24.8 days): its value is carried
    // in the parameters, taken out again before the handler runs.
    const path = state.TimeoutSecondsPath as string | undefined;
    if (path && target.kind === 'token' && state.Parameters) {
      if (override === undefined) (state.Parameters as Record<string, unknown>)[`${LOCAL_TIMEOUT_PARAMETER}.$`] = path;
      delete state.TimeoutSecondsPath;
    }
    if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined)
      state.TimeoutSeconds = UNBOUNDED_TASK_SECONDS;
    return { name, target, limits };
  });
  try {
    const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
    return { arn, id: spec.id, type: spec.type, machine, tasks };
  } catch (error) {
    throw new SfnError('InvalidDefinition', `${spec.id}: ${(error as Error).message}`);
  }
}
