import { limitFor } from '#core/quota/plans';
import type { UsageTotals } from '#core/quota/usage';
import type { Plan } from '#core/tenancy/caller';

export interface UsageReport {
  plan: Plan;
  usedBytes: number;
  reservedBytes: number;
  limitBytes: number | null;
  documents: number;
  byUser: { userId: string; usedBytes: number }[];
}

/** `GET /v1/tenant/usage` and the admin tenant view: the same numbers, largest users first. */
export function usageReport(tenant: { plan: Plan; seats: number }, usage: UsageTotals): UsageReport {
  const byUser = Object.entries(usage.byUser)
    .filter(([, bytes]) => bytes > 0)
    .map(([userId, usedBytes]) => ({ userId, usedBytes }))
    .sort((a, b) => b.usedBytes - a.usedBytes || a.userId.localeCompare(b.userId));
  return {
    plan: tenant.plan,
    usedBytes: usage.usedBytes,
    reservedBytes: usage.reservedBytes,
    limitBytes: limitFor(tenant.plan, tenant.seats),
    documents: usage.documents,
    byUser,
  };
}
