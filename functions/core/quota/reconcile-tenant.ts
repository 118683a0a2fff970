import { notFound } from '#core/errors';
import { reconcile } from '#core/quota/reconcile';
import type { UsageStore } from '#core/quota/ports';
import type { Drift, StoredFacts } from '#core/quota/reconcile';
import type { TenancyStore } from '#core/tenancy/ports';

/**
 * `POST /v1/admin/tenants/{id}/reconcile`: usage recounted from what is stored (versions, live
 * documents, pending reservations) beside what the usage item says. It reports; it does not
 * overwrite, since a transaction in flight between the two reads would look like drift.
 */
export interface ReconcileReport {
  tenantId: string;
  recomputed: { usedBytes: number; reservedBytes: number; documents: number };
  drift: Drift[];
}

export async function reconcileTenant(
  deps: { tenancy: TenancyStore; usage: UsageStore; facts: (tenantId: string) => Promise<StoredFacts> },
  tenantId: string,
): Promise<ReconcileReport> {
  if (!(await deps.tenancy.getTenant(tenantId))) notFound('tenant', tenantId);
  const [recorded, facts] = await Promise.all([deps.usage.read(tenantId), deps.facts(tenantId)]);
  const { actual, drift } = reconcile(recorded, facts);
  return {
    tenantId,
    recomputed: { usedBytes: actual.usedBytes, reservedBytes: actual.reservedBytes, documents: actual.documents },
    drift,
  };
}
