import { mergePending } from '#core/search/optimise';
import { logger } from '#observability/logger';
import { mergeDeps } from '#wiring/search';

// Runs every minute (EventBridge Scheduler on AWS, a timer in the local runtime): merges the search
// indexes the stream's indexer left for later (core/search/optimise.ts says when it does).
export async function handler(): Promise<{ tenants: number }> {
  const tenants = await mergePending(mergeDeps);
  if (tenants) logger.info('search indexes merged', { tenants });
  return { tenants };
}
