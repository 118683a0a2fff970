import type { Plan } from '#core/tenancy/caller';

// "MB" here is the binary mebibyte, 1 MB = 1024 × 1024 bytes, as SalesapCRM and most file
// managers count it: a tenant who is told "200 MB" and sees 200 MB in their file browser must not
// be refused at 190.7. The API reports exact bytes (`limitBytes`), so nobody has to guess.
export const MIB = 1024 * 1024;

interface PlanQuota {
  /** Bytes allowed, or null for unlimited (usage is still tracked). */
  bytes: number | null;
  per: 'tenant' | 'seat';
}

/** The one catalogue of plan quotas; everything that needs a limit asks `limitFor`. */
export const PLAN_QUOTAS: Record<Plan, PlanQuota> = {
  free: { bytes: 200 * MIB, per: 'tenant' },
  standard: { bytes: 500 * MIB, per: 'seat' },
  extended: { bytes: null, per: 'tenant' },
};

/**
 * The tenant's byte limit now. Called with the tenant read on each request, so a plan or seats
 * change applies on the tenant's next request. A tenant with 0 seats on `standard` gets 0 bytes.
 */
export function limitFor(plan: Plan, seats: number): number | null {
  const quota = PLAN_QUOTAS[plan];
  if (quota.bytes === null) return null;
  return quota.per === 'seat' ? quota.bytes * Math.max(0, Math.floor(seats)) : quota.bytes;
}

/**
 * Webhook subscriptions a tenant may hold. The same on every plan for now; a plan of its own is a
 * change of this table only (create refuses at the limit, counted in the create's own transaction).
 */
export const PLAN_WEBHOOK_SUBSCRIPTIONS: Record<Plan, number> = { free: 20, standard: 20, extended: 20 };
