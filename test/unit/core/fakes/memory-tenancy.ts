// The tenant reads and writes of the TenancyStore in memory, with the store's condition: an update
// lands only on the version it was computed from (else a WriteConflict), together with its audit entry.
import type { Tenant } from '#core/tenancy/caller';
import type { AuditEntry, TenancyStore } from '#core/tenancy/ports';
import { WriteConflict } from '#core/write-conflict';

export function memoryTenancy(initial: Tenant[] = []) {
  // Held and read as given (not copied): a test may check by identity that nothing replaced it.
  const tenants = new Map(initial.map((t) => [t.id, t]));
  const audit: AuditEntry[] = [];
  const store: Pick<TenancyStore, 'getTenant' | 'updateTenant'> = {
    getTenant: async (tenantId) => tenants.get(tenantId),
    async updateTenant(next, entry) {
      if (tenants.get(next.id)?.version !== next.version - 1)
        throw new WriteConflict('version', `Tenant ${next.id} changed meanwhile; read it again.`);
      tenants.set(next.id, structuredClone(next));
      audit.push(structuredClone(entry));
    },
  };
  return { store, tenants, audit };
}
