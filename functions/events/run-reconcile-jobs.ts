import { runQueuedReconciles } from '#core/quota/reconcile-jobs';
import { logger } from '#observability/logger';
import { reconcileRunnerDeps } from '#wiring/reconcile-runner';

// Runs every minute (EventBridge Scheduler on AWS, a timer in the local runtime): finishes the
// usage recounts that were too large to answer in the request, and the reindex jobs.
export async function handler(): Promise<{ succeeded: number; failed: number; going: number }> {
  const result = await runQueuedReconciles(reconcileRunnerDeps);
  if (result.succeeded || result.failed || result.going) logger.info('reconcile jobs run', result);
  return result;
}
