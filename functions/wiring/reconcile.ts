import type { ReconcileDeps } from '#core/quota/reconcile-jobs';
import { reindexLeads } from '#core/records/reindex-leads';

import { dynamoLeadIndex } from '#store/records/lead-index';
import { dynamoRecordsStore } from '#store/records/records-store';
import { dynamoReconcileJobs } from '#store/quota/reconcile-jobs';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { bucketFacts } from '#store/quota/bucket-facts';
import { dynamoUsageFacts } from '#store/quota/usage-facts';
import { dynamoUsageStore } from '#store/quota/usage-store';

/** The usage recount's ports: the admin route and the scheduled job runner. */
export const reconcileDeps: ReconcileDeps = {
  tenancy: dynamoTenancyStore,
  usage: dynamoUsageStore,
  facts: { stored: (tenantId) => dynamoUsageFacts.facts(tenantId), bucket: bucketFacts },
  jobs: dynamoReconcileJobs,
  leadIndex: {
    reindex: (tenantId) => reindexLeads({ records: dynamoRecordsStore, leadIndex: dynamoLeadIndex }, tenantId),
  },
};
