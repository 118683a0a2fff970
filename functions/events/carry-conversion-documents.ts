import { carryPending } from '#core/conversion/sweep-carries';
import { logger } from '#observability/logger';
import { conversionDeps } from '#wiring/conversion';

// Runs every minute (EventBridge Scheduler on AWS, a timer in the local runtime): carries the lead's
// documents of conversions whose workflow was cut off after the commit, so none stays pending.
export async function handler(): Promise<{ carried: number; failed: number }> {
  const result = await carryPending(conversionDeps);
  for (const f of result.failed)
    logger.warn('conversion documents not carried; the next run retries', {
      conversionId: f.conversionId,
      error: f.error as Error,
    });
  const counts = { carried: result.carried.length, failed: result.failed.length };
  if (counts.carried || counts.failed) logger.info('conversion documents carried', counts);
  return counts;
}
