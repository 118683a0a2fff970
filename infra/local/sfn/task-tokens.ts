import { randomBytes } from 'node:crypto';
import type { Json } from '#infra/local/sfn/json';
import { SfnError, StatesError } from '#infra/local/sfn/sfn-error';

/** What `$$.Task.Token` reads during a local run; each task entry swaps it for a fresh token. */
export const TASK_TOKEN_PLACEHOLDER = '@@local-step-functions-task-token@@';

const MAX_TIMER_MS = 2_147_483_647;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

interface Waiter {
  executionArn: string;
  resolve(output: Json): void;
  reject(error: Error): void;
  heartbeatMs?: number;
  heartbeat?: NodeJS.Timeout;
  timeout?: NodeJS.Timeout;
}

export interface TokenLimits {
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

/** Task tokens for `.waitForTaskToken`, which aws-local-stepfunctions does not implement. */
export class TaskTokens {
  private readonly waiting = new Map<string, Waiter>();
  private readonly closed = new Set<string>();

  open(executionArn: string, limits: TokenLimits): { token: string; output: Promise<Json> } {
    const token = randomBytes(32).toString('base64url');
    const waiter = { executionArn } as Waiter;
    const promise = new Promise<Json>((resolve, reject) => Object.assign(waiter, { resolve, reject }));
    // A token may be closed while the handler that received it is still running; nobody awaits it yet.
    promise.catch(() => undefined);
    if (limits.timeoutSeconds) {
      waiter.timeout = setTimeout(
        () => this.expire(token, 'States.Timeout', 'Task timed out'),
        // setTimeout fires at once past 2^31-1 ms (24.8 days); longer waits simply wait that long.
        Math.min(limits.timeoutSeconds * 1000, MAX_TIMER_MS),
      );
    }
    if (limits.heartbeatSeconds) waiter.heartbeatMs = limits.heartbeatSeconds * 1000;
    this.waiting.set(token, waiter);
    this.armHeartbeat(token, waiter);
    return { token, output: promise };
  }

  succeed(token: string, output: Json): void {
    this.take(token).resolve(output);
  }

  fail(token: string, error = '', cause = ''): void {
    this.take(token).reject(new StatesError(error, cause));
  }

  heartbeat(token: string): void {
    const waiter = this.find(token);
    this.armHeartbeat(token, waiter);
  }

  /** Discards a token whose task ended another way (handler error, execution closed). */
  discard(token: string, reason?: Error): void {
    if (this.waiting.has(token)) this.take(token).reject(reason ?? new StatesError('States.Runtime', 'Task closed'));
  }

  closeExecution(executionArn: string, reason: Error): void {
    for (const [token, waiter] of this.waiting) if (waiter.executionArn === executionArn) this.discard(token, reason);
  }

  closeAll(reason: Error): void {
    for (const token of [...this.waiting.keys()]) this.discard(token, reason);
  }

  private expire(token: string, error: string, cause: string): void {
    this.discard(token, new StatesError(error, cause));
  }

  private armHeartbeat(token: string, waiter: Waiter): void {
    clearTimeout(waiter.heartbeat);
    if (waiter.heartbeatMs) {
      waiter.heartbeat = setTimeout(
        () => this.expire(token, 'States.HeartbeatTimeout', 'Task heartbeat timed out'),
        waiter.heartbeatMs,
      );
    }
  }

  private find(token: string): Waiter {
    if (typeof token !== 'string' || !TOKEN_FORMAT.test(token)) throw new SfnError('InvalidToken', 'Invalid Token');
    const waiter = this.waiting.get(token);
    if (waiter) return waiter;
    if (this.closed.has(token))
      throw new SfnError('TaskTimedOut', 'Task Timed Out: Provided task does not exist anymore');
    throw new SfnError('TaskDoesNotExist', 'Task does not exist');
  }

  private take(token: string): Waiter {
    const waiter = this.find(token);
    clearTimeout(waiter.heartbeat);
    clearTimeout(waiter.timeout);
    this.waiting.delete(token);
    this.closed.add(token);
    return waiter;
  }
}
