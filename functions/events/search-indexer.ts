import type { DynamoDBStreamEvent } from 'aws-lambda';
import { changedBy } from '#core/search/changes';
import { indexChanges } from '#core/search/index-changes';
import { logger } from '#observability/logger';
import { committedEvents } from '#store/webhooks/stream-records';
import { lanceSearchIndex } from '#store/search/lance-index';
import { indexingDeps } from '#wiring/search';

// The table stream's second consumer (beside the webhook fan-out), given new OUT# items: the
// documents and records a batch changed are indexed in ONE write per tenant, then that tenant's
// index is brought up to date (phrases find new rows only once they are in the index; words find
// them at once). A failure fails the batch: it is read again, and indexing it twice changes nothing.
export async function handler(event: DynamoDBStreamEvent): Promise<{ tenants: number; rows: number }> {
  const byTenant = changedBy(committedEvents(event));
  let rows = 0;
  for (const [tenantId, changed] of byTenant) {
    rows += await indexChanges(indexingDeps, tenantId, changed);
    await lanceSearchIndex.optimise(tenantId);
  }
  if (byTenant.size) logger.info('search indexed', { tenants: byTenant.size, rows });
  return { tenants: byTenant.size, rows };
}
