import type { RecordsStore } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';
import { searchTokens, type SearchToken } from '#core/records/search-tokens';

/**
 * Leads stored before `companyName` became a search term and `source` a list filter
 * have neither its search items nor its list key; a record write keeps both only for what it
 * changes. This job writes them for every lead of a tenant, once; writing them again is harmless.
 */
export interface LeadIndexReport {
  tenantId: string;
  /** Leads read. */
  leads: number;
  /** Leads whose search items and list keys were written. */
  reindexed: number;
  /** Leads that kept changing under the job (or went): a later run takes them again. */
  skipped: number;
}

export interface LeadIndexStore {
  /** A tenant's leads, page by page. */
  leads(tenantId: string): AsyncIterable<CrmRecord[]>;
  /**
   * Puts `tokens` and rewrites the lead's list keys as the current code writes them, on the lead's
   * version, so nothing stale is ever written: false when the lead changed (or went) meanwhile.
   */
  reindex(tenantId: string, lead: CrmRecord, tokens: SearchToken[]): Promise<boolean>;
}

export interface LeadIndexDeps {
  records: Pick<RecordsStore, 'get'>;
  leadIndex: LeadIndexStore;
}

const ATTEMPTS = 5;

/** The lead as it is now, reindexed on its version; a concurrent change gets it read again. */
async function reindexOne(deps: LeadIndexDeps, tenantId: string, lead: CrmRecord): Promise<boolean> {
  let current: CrmRecord | undefined = lead;
  for (let attempt = 0; attempt < ATTEMPTS && current && !current.deletingAt; attempt++) {
    if (await deps.leadIndex.reindex(tenantId, current, searchTokens(current))) return true;
    current = await deps.records.get(tenantId, 'lead', current.id);
  }
  return false;
}

export async function reindexLeads(deps: LeadIndexDeps, tenantId: string): Promise<LeadIndexReport> {
  const report: LeadIndexReport = { tenantId, leads: 0, reindexed: 0, skipped: 0 };
  for await (const page of deps.leadIndex.leads(tenantId)) {
    for (const lead of page) {
      report.leads += 1;
      if (lead.deletingAt) continue;
      if (await reindexOne(deps, tenantId, lead)) report.reindexed += 1;
      else report.skipped += 1;
    }
  }
  return report;
}
