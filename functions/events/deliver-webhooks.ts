import { deliverDue } from '#core/webhooks/deliver';
import { logger } from '#observability/logger';
import { deliveryDeps } from '#wiring/webhook-delivery';

/**
 * New sends start for this long; what runs then still finishes (a send's deadline is 10 s). Shorter
 * than the schedule's minute plus the function's timeout, so runs overlap little.
 */
const START_BUDGET_MS = 50_000;

// Every minute (EventBridge Scheduler on AWS, a timer locally), and at once when the fan-out queued
// attempts (an asynchronous invoke). Runs at the same time share the work through the attempts' leases.
export async function handler() {
  const run = await deliverDue(deliveryDeps, { budgetMs: START_BUDGET_MS });
  if (run.errors.length) logger.warn('webhook deliveries failed to run', { errors: run.errors });
  if (Object.keys(run.outcomes).length) logger.info('webhook deliveries', { ...run.outcomes });
  return run;
}
