import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

// Structured JSON with request and tenant ids; never keys, secrets or bodies.
let root: Logger | undefined;
/**
 * The process's logger, made on first use: Powertools reads POWERTOOLS_LOG_LEVEL when a Logger is
 * made (its children copy the level), and `npm start` and the test setup set it after their imports.
 */
const rootLogger = (): Logger => (root ??= new Logger({ serviceName: 'dossier' }));
interface Scope {
  keys: { function: string; requestId: string };
  /** Made on first use (about 0.1-0.25 ms): most background invocations never log. */
  logger?: Logger;
}
const invocation = new AsyncLocalStorage<Scope>();

/**
 * The logger of the invocation running now. On AWS one process serves one invocation at a time and
 * the API middleware resets its keys per request. Locally every function runs in one process, many
 * invocations at once: with one shared Logger a background job (upload finaliser, notices,
 * sweepers) logged under whatever request last appended its keys (its requestId, routeKey and
 * tenant), and concurrent requests under each other's. So each invocation the local runtime makes
 * runs in its own scope (`inLogScope`) with a logger of its own; outside any scope this is the
 * process's logger.
 */
export const logger: Logger = new Proxy(Object.create(Logger.prototype) as Logger, {
  get(_target, property) {
    const scope = invocation.getStore();
    const active = scope ? (scope.logger ??= rootLogger().createChild({ persistentKeys: scope.keys })) : rootLogger();
    const value: unknown = Reflect.get(active, property, active);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(active) : value;
  },
});

/**
 * Runs one invocation with a logger of its own, whose lines carry `function` and the invocation's
 * own `requestId` (an API request replaces it with the request id it answers under).
 */
export function inLogScope<T>(keys: { function: string; requestId: string }, run: () => T): T {
  return invocation.run({ keys }, run);
}
