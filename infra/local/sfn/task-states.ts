import type { Json } from '#infra/local/sfn/json';
import { SfnError } from '#infra/local/sfn/sfn-error';

type StateNode = { Type?: string; Resource?: string; Parameters?: Json; [key: string]: unknown };
type MachineNode = { States?: Record<string, StateNode> };

export interface TaskState {
  name: string;
  resource: string;
  parameters: Json | undefined;
  /** The state object itself, so callers can read or adjust its other fields. */
  state: StateNode;
}

/**
 * Every Task state of a definition, Map and Parallel bodies included. aws-local-stepfunctions
 * keys its task overrides by state name alone, so two Tasks sharing a name cannot be told apart.
 */
export function taskStates(definition: unknown): TaskState[] {
  const found: TaskState[] = [];
  collect(definition as MachineNode, found);
  const seen = new Set<string>();
  for (const { name } of found) {
    if (seen.has(name)) {
      throw new SfnError(
        'InvalidDefinition',
        `Task state name "${name}" is used more than once; local task overrides are keyed by state name, so Task names must be unique across the whole definition (Map and Parallel included)`,
      );
    }
    seen.add(name);
  }
  return found;
}

function collect(machine: MachineNode | undefined, found: TaskState[]): void {
  for (const [name, state] of Object.entries(machine?.States ?? {})) {
    if (state.Type === 'Task')
      found.push({ name, resource: String(state.Resource), parameters: state.Parameters, state });
    if (state.Type === 'Map') collect((state.ItemProcessor ?? state.Iterator) as MachineNode, found);
    if (state.Type === 'Parallel')
      for (const branch of (state.Branches as MachineNode[] | undefined) ?? []) collect(branch, found);
  }
}
