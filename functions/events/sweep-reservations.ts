import { sweepDue } from '#core/documents/sweep';
import { sweepJobs } from '#core/templates/sweep-jobs';
import { logger } from '#observability/logger';
import { documentsDeps, reservationSweep } from '#wiring/documents';
import { templatesDeps } from '#wiring/templates';

// Runs every minute (EventBridge Scheduler on AWS, a timer in the local runtime): releases
// reservations whose hold passed, and finalises uploads whose S3 event was lost. TTL alone would
// take up to days to delete the item, and would not give the bytes back to the quota. Then it
// settles render jobs still running past their deadline, whose workflow died (sweep-jobs.ts).
export async function handler(): Promise<{
  settled: Record<string, number>;
  failed: number;
  jobs: { settled: Record<string, number>; failed: number };
}> {
  const result = await sweepDue(documentsDeps, reservationSweep);
  if (result.failed || Object.keys(result.settled).length) logger.info('reservations swept', result);
  const jobs = await sweepJobs({ ...templatesDeps, documents: documentsDeps });
  if (jobs.failed || Object.keys(jobs.settled).length) logger.info('render jobs swept', jobs);
  return { ...result, jobs };
}
