import { sweepDue } from '#core/documents/sweep';
import { logger } from '#observability/logger';
import { documentsPorts, reservationSweep } from '#wiring/documents';

// Runs every minute (EventBridge Scheduler on AWS, a timer in the local runtime): releases
// reservations whose hold passed, and finalises uploads whose S3 event was lost. TTL alone would
// take up to days to delete the item, and would not give the bytes back to the quota.
export async function handler(): Promise<{ settled: Record<string, number>; failed: number }> {
  const result = await sweepDue(documentsPorts, reservationSweep);
  if (result.failed || Object.keys(result.settled).length) logger.info('reservations swept', result);
  return result;
}
