import type { StateMachine } from 'aws-local-stepfunctions';

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

export interface TaskResource {
  resourceType: string;
  resource: string;
}

const TIMEOUT_ERRORS = new Set(['States.Timeout', 'States.HeartbeatTimeout']);

/** AWS names the details field after the event type, except all `*StateEntered`/`*StateExited` share one. */
function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Execution history in GetExecutionHistory's shape. State events come from the library's event log;
 * task and execution events are added by the runtime, which knows what the library does not.
 */
export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];

  constructor(private readonly taskResource: (stateName: string) => TaskResource | undefined) {}

  add(type: string, details?: Record<string, unknown>, timestamp = new Date()): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp, type, ...(details && { [detailsKey(type)]: details }) });
  }

  async follow(logs: AsyncGenerator<EventLog>): Promise<void> {
    for await (const event of logs) this.record(event);
  }

  private record(event: EventLog): void {
    const at = new Date(event.timestamp);
    switch (event.type) {
      case 'StateEntered':
        return this.add(
          `${event.state.type}StateEntered`,
          { name: event.state.name, input: text(event.state.input) },
          at,
        );
      case 'StateExited':
        return this.add(
          `${event.state.type}StateExited`,
          { name: event.state.name, output: text(event.state.output) },
          at,
        );
      case 'StateFailed':
        return this.recordFailure(event.state.name, event.state.type, event.Error, text(event.Cause), at);
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        return this.add(event.type, { name: event.parentState.name, index: event.index }, at);
      default:
        // Execution events are added by the runtime; retries, catches and branches have no AWS event.
        return;
    }
  }

  private recordFailure(name: string, type: string, error: string, cause: string, at: Date): void {
    const task = type === 'Task' ? this.taskResource(name) : undefined;
    if (task) return this.add(TIMEOUT_ERRORS.has(error) ? 'TaskTimedOut' : 'TaskFailed', { ...task, error, cause }, at);
    if (type === 'Map' || type === 'Parallel') this.add(`${type}StateFailed`, undefined, at);
  }
}
