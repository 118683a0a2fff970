// The tenant reads and writes the tenant settings rely on, run against the in-memory fake and the
// DynamoDB store alike: an update lands on the version it was computed from, with its audit entry.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { newId } from '#core/ids';
import type { Tenant } from '#core/tenancy/caller';
import type { AuditEntry, TenancyStore } from '#core/tenancy/ports';
import { WriteConflict } from '#core/write-conflict';
import { documentClient, tableName } from '#store/dynamo/client';
import { META, tenantPk } from '#store/dynamo/keys';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { memoryTenancy } from '../../unit/core/fakes/memory-tenancy';
import { freshTenant, useLocalStores } from '../documents-store/world';

useLocalStores();

interface TenancySubject {
  store: Pick<TenancyStore, 'getTenant' | 'updateTenant'>;
  /** The tenant as onboarding left it. */
  addTenant(t: Tenant): Promise<void>;
  /** The tenant's audit entries, oldest first. */
  audit(tenantId: string): Promise<AuditEntry[]>;
}

const subjects: Array<[string, () => TenancySubject]> = [
  [
    'memory',
    () => {
      const fake = memoryTenancy();
      return {
        store: fake.store,
        addTenant: async (t) => void fake.tenants.set(t.id, structuredClone(t)),
        audit: async (tenantId) => fake.audit.filter((a) => a.tenantId === tenantId),
      };
    },
  ],
  [
    'dynamo',
    () => ({
      store: dynamoTenancyStore,
      async addTenant(t) {
        await documentClient().send(
          new PutCommand({ TableName: tableName(), Item: { pk: tenantPk(t.id), sk: META, kind: 'tenant', ...t } }),
        );
      },
      audit: async (tenantId) => (await dynamoTenancyStore.listAudit(tenantId, { limit: 50, scope: 'contract' })).items,
    }),
  ],
];

const at = '2026-01-01T00:00:00.000Z';
const acme = (): Tenant => ({
  id: freshTenant(),
  name: 'Acme',
  plan: 'standard',
  seats: 3,
  status: 'active',
  version: 4,
  createdAt: at,
  updatedAt: at,
  profile: { legalName: 'Acme OÜ' },
});
const entry = (tenantId: string, changes: AuditEntry['changes']): AuditEntry => ({
  id: newId('evt'),
  tenantId,
  at: new Date().toISOString(),
  by: 'usr_01JD0000000000000000000001',
  changes,
});

describe.each(subjects)('tenancy store (%s)', (_name, subject) => {
  it('reads the tenant, and an unknown one as absent', async () => {
    const s = subject();
    const tenant = acme();
    await s.addTenant(tenant);
    expect(await s.store.getTenant(tenant.id)).toEqual(tenant);
    expect(await s.store.getTenant(freshTenant())).toBeUndefined();
  });

  it('updates on the version it was computed from, with its audit entry; a stale one conflicts and writes nothing', async () => {
    const s = subject();
    const tenant = acme();
    await s.addTenant(tenant);
    const renamed: Tenant = { ...tenant, name: 'Acme Group', version: 5, updatedAt: new Date().toISOString() };
    const first = entry(tenant.id, { name: { from: 'Acme', to: 'Acme Group' } });
    await s.store.updateTenant(renamed, first);
    expect(await s.store.getTenant(tenant.id)).toEqual(renamed);
    // Computed from version 4 again (another request got there first), and one from the future.
    for (const stale of [5, 7]) {
      const late: Tenant = { ...tenant, plan: 'extended', version: stale, updatedAt: new Date().toISOString() };
      const error = await s.store
        .updateTenant(late, entry(tenant.id, { plan: { from: 'standard', to: 'extended' } }))
        .catch((e) => e);
      expect(error).toBeInstanceOf(WriteConflict);
      expect(error.reason).toBe('version');
    }
    expect(await s.store.getTenant(tenant.id)).toEqual(renamed);
    expect(await s.audit(tenant.id)).toEqual([first]);
  });
});
