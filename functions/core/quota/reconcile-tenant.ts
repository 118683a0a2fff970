import { notFound } from '#core/errors';
import { reconcile } from '#core/quota/reconcile';
import type { UsageStore } from '#core/quota/ports';
import type { BucketFacts, Drift, StoredFacts } from '#core/quota/reconcile';
import type { TenancyStore } from '#core/tenancy/ports';

/**
 * `POST /v1/admin/tenants/{id}/reconcile`: usage recounted from what is stored (versions, live
 * documents, pending reservations) beside what the usage item says, and the bucket's own bytes
 * beside it: bytes stored under upload keys that no usage counts (`bucketBytes` drift), and bytes
 * under other keys of the tenant's prefix (`bucket.unaccounted`). It reports; it does not
 * overwrite, since a transaction in flight between the reads would look like drift (an object
 * that landed and is settling, for one).
 */
export interface ReconcileReport {
  tenantId: string;
  recomputed: { usedBytes: number; reservedBytes: number; documents: number };
  drift: Drift[];
  bucket?: BucketFacts;
}

/** What a recount reads beside the usage item. */
export interface UsageFacts {
  /** The tenant's versions, live documents and pending reservations, as the table holds them. */
  stored(tenantId: string): Promise<StoredFacts>;
  /** The bucket listed under the tenant's prefix; absent where no bucket is wired (unit tests). */
  bucket?(tenantId: string): Promise<BucketFacts>;
}

export async function reconcileTenant(
  deps: { tenancy: TenancyStore; usage: UsageStore; facts: UsageFacts },
  tenantId: string,
): Promise<ReconcileReport> {
  if (!(await deps.tenancy.getTenant(tenantId))) notFound('tenant', tenantId);
  const [recorded, facts, bucket] = await Promise.all([
    deps.usage.read(tenantId),
    deps.facts.stored(tenantId),
    deps.facts.bucket?.(tenantId),
  ]);
  const { actual, drift } = reconcile(recorded, facts);
  if (bucket && bucket.uploadBytes !== recorded.usedBytes)
    drift.push({ field: 'bucketBytes', recorded: recorded.usedBytes, actual: bucket.uploadBytes });
  return {
    tenantId,
    recomputed: { usedBytes: actual.usedBytes, reservedBytes: actual.reservedBytes, documents: actual.documents },
    drift,
    ...(bucket ? { bucket } : {}),
  };
}
