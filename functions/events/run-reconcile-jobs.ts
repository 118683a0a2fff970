import { runQueuedReconciles } from '#core/quota/reconcile-jobs';
import { logger } from '#observability/logger';
import { reconcileDeps } from '#wiring/reconcile';

// Runs every minute (EventBridge Scheduler on AWS, a timer in the local runtime): finishes the
// usage recounts that were too large to answer in the request.
export async function handler(): Promise<{ succeeded: number; failed: number }> {
  const result = await runQueuedReconciles(reconcileDeps);
  if (result.succeeded || result.failed) logger.info('reconcile jobs run', result);
  return result;
}
