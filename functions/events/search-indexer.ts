import type { DynamoDBStreamEvent } from 'aws-lambda';
import { changedBy } from '#core/search/changes';
import { indexChanges } from '#core/search/index-changes';
import { mergeAfterBatch, type LastMerge } from '#core/search/optimise';
import { logger } from '#observability/logger';
import { committedEvents } from '#store/webhooks/stream-records';
import { indexingDeps, mergeDeps } from '#wiring/search';

// The table stream's second consumer (beside the webhook fan-out), given new OUT# items: the
// documents and records a batch changed are indexed in ONE write per tenant, then that tenant's
// index is brought up to date (phrases find new rows only once they are merged; words find them at
// once), or left to the scheduled optimiser once merging is slow (core/search/optimise.ts says why).
// A failure fails the batch: it is read again, and indexing it twice changes nothing.

/** This process's last merge of each tenant, and how long it took. */
const lastMerge = new Map<string, LastMerge>();

export async function handler(event: DynamoDBStreamEvent): Promise<{ tenants: number; rows: number }> {
  const byTenant = changedBy(committedEvents(event));
  let rows = 0;
  for (const [tenantId, changed] of byTenant) {
    rows += await indexChanges(indexingDeps, tenantId, changed);
    lastMerge.set(tenantId, await mergeAfterBatch(mergeDeps, tenantId, lastMerge.get(tenantId)));
  }
  if (byTenant.size) logger.info('search indexed', { tenants: byTenant.size, rows });
  return { tenants: byTenant.size, rows };
}
