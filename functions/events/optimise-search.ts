import { optimiseIndexes } from '#core/search/optimise';
import { logger } from '#observability/logger';
import { optimiseDeps } from '#wiring/search';

// Runs on a schedule (EventBridge Scheduler on AWS, a timer in the local runtime).
export async function handler(): Promise<{ tenants: number }> {
  const tenants = await optimiseIndexes(optimiseDeps);
  logger.debug('search indexes optimised', { tenants });
  return { tenants };
}
