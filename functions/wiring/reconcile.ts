import type { ReconcileDeps } from '#core/quota/reconcile-jobs';
import { reindexLeads } from '#core/records/reindex-leads';
import { dynamoLeadIndex } from '#store/lead-index';
import { dynamoRecordsStore } from '#store/records-store';
import { dynamoReconcileJobs } from '#store/reconcile-jobs';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { bucketFacts } from '#store/bucket-facts';
import { dynamoUsageFacts } from '#store/usage-facts';
import { dynamoUsageStore } from '#store/usage-store';

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
