import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import type { Role, Tenant, TenantCaller } from '#core/tenancy/caller';
import type { AuditEntry, TenancyStore } from '#core/tenancy/ports';
import { updateTenantSettings } from '#core/tenancy/tenant-settings';
import { memoryTenancy } from '../fakes/memory-tenancy';

const NO_WAIT = { attempts: 3, baseMs: 1, capMs: 1, sleep: async () => undefined, random: () => 0 };

/** The two calls the use case makes, over one tenant held in memory; `raceOnce` loses the first write. */
function tenantStore(initial: Tenant, raceOnce = false) {
  const fake = memoryTenancy([initial]);
  let race = raceOnce;
  const store = {
    getTenant: fake.store.getTenant,
    updateTenant: async (next: Tenant, entry: AuditEntry) => {
      if (race) {
        // Another request's change lands first: the fake then refuses this one, as the store does.
        race = false;
        const stored = fake.tenants.get(initial.id)!;
        fake.tenants.set(initial.id, { ...stored, version: stored.version + 1, plan: 'extended' });
      }
      await fake.store.updateTenant(next, entry);
    },
  } as unknown as TenancyStore;
  return { store, audit: fake.audit, current: () => fake.tenants.get(initial.id)! };
}

const tenant: Tenant = {
  id: 'ten_1',
  name: 'Acme',
  plan: 'standard',
  seats: 3,
  status: 'active',
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  profile: { legalName: 'Acme', phone: '123' },
};
const caller = (role: Role): TenantCaller => ({
  kind: 'tenant',
  tenant,
  tenantId: tenant.id,
  userId: 'usr_1',
  role,
  keyId: 'key_1',
});

describe('updateTenantSettings', () => {
  it('merges the profile, replaces accepted words, bumps the version and audits who changed what', async () => {
    const { store, audit } = tenantStore(tenant);
    const saved = await updateTenantSettings(
      store,
      caller('admin'),
      { profile: { phone: null, taxId: 'DE1' }, mailSettings: { fromName: 'Acme' }, acceptedWords: ['Acme'] },
      4,
    );
    expect(saved).toMatchObject({
      version: 5,
      profile: { legalName: 'Acme', taxId: 'DE1' },
      mailSettings: { fromName: 'Acme' },
      acceptedWords: ['Acme'],
    });
    expect(saved.profile).not.toHaveProperty('phone');
    expect(audit).toMatchObject([
      {
        by: 'usr_1',
        changes: {
          profile: { from: { legalName: 'Acme', phone: '123' }, to: { legalName: 'Acme', taxId: 'DE1' } },
          mailSettings: { from: null, to: { fromName: 'Acme' } },
          acceptedWords: { from: null, to: ['Acme'] },
        },
      },
    ]);
  });

  it('refuses members and viewers', async () => {
    for (const role of ['member', 'viewer'] as const) {
      const { store, current } = tenantStore(tenant);
      await expect(updateTenantSettings(store, caller(role), { profile: { legalName: 'X' } })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(current()).toBe(tenant);
    }
  });

  it('answers a stale If-Match with a version conflict', async () => {
    const { store } = tenantStore(tenant);
    const error = await updateTenantSettings(store, caller('owner'), { acceptedWords: [] }, 3).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('VERSION_CONFLICT');
  });

  it('without If-Match re-applies the change to the tenant as it is after losing a race', async () => {
    const { store, current } = tenantStore(tenant, true);
    const saved = await updateTenantSettings(
      store,
      caller('owner'),
      { profile: { legalName: 'Acme GmbH' } },
      undefined,
      NO_WAIT,
    );
    expect(saved).toMatchObject({ version: 6, plan: 'extended', profile: { legalName: 'Acme GmbH', phone: '123' } });
    expect(current()).toEqual(saved);
  });

  it('writes nothing when nothing changes', async () => {
    const { store, audit } = tenantStore(tenant);
    const saved = await updateTenantSettings(store, caller('owner'), { profile: { legalName: 'Acme' } });
    expect(saved).toBe(tenant);
    expect(audit).toEqual([]);
  });
});
