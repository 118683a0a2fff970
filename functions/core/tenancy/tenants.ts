import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import type { Page, PageRequest } from '#core/paging';
import type { Plan, Tenant, TenantStatus } from '#core/tenancy/caller';
import { mintKeySecret } from '#core/tenancy/key-secret';
import type { AuditEntry, TenancyStore, TenantChange } from '#core/tenancy/ports';
import { withKey } from '#core/tenancy/user';
import { PLATFORM_ADMIN, readActor, type Actor } from '#core/actor';

export interface NewTenant {
  name: string;
  plan: Plan;
  seats: number;
}

export async function createTenant(store: TenancyStore, input: NewTenant) {
  const at = now();
  const tenant: Tenant = {
    id: newId('ten'),
    name: input.name,
    plan: input.plan,
    seats: input.seats,
    status: 'active' as TenantStatus,
    version: 1,
    createdAt: at,
    updatedAt: at,
    activeUsers: 1,
  };
  const keyId = newId('key');
  const { secret, hash } = mintKeySecret(tenant.id, keyId);
  const key = {
    id: keyId,
    tenantId: tenant.id,
    name: 'Owner key',
    role: 'owner' as const,
    userId: newId('usr'),
    hash,
    createdAt: at,
    issuedBy: PLATFORM_ADMIN,
  };
  const owner = withKey(undefined, tenant.id, key.userId, key, {}, at).next;
  await store.createTenant(tenant, key, owner);
  return { tenant, apiKey: { id: key.id, name: key.name, role: key.role, userId: key.userId, createdAt: at, secret } };
}

export async function getTenant(store: TenancyStore, id: string): Promise<Tenant> {
  return (await store.getTenant(id)) ?? notFound('tenant', id);
}

export const listTenants = (store: TenancyStore, page: PageRequest): Promise<Page<Tenant>> => store.listTenants(page);

/**
 * Name, plan, seats and status changes; each change is recorded in the tenant's audit trail atomically.
 * Without `expected` (If-Match) a change that lost a race is re-applied to the tenant as it is now.
 */
export async function updateTenant(
  store: TenancyStore,
  id: string,
  change: TenantChange,
  actor: Actor,
  expected?: number,
  retry = DEFAULT_CONFLICT_RETRY,
): Promise<Tenant> {
  return retryConflicts(retry, expected === undefined, 'tenant', async () => {
    const current = await getTenant(store, id);
    if (expected !== undefined && expected !== current.version) {
      throw new DomainError('VERSION_CONFLICT', `Tenant ${id} is at version ${current.version}, not ${expected}.`);
    }
    const changes: AuditEntry['changes'] = {};
    for (const field of ['name', 'plan', 'seats', 'status'] as const) {
      if (change[field] !== undefined && change[field] !== current[field])
        changes[field] = { from: current[field], to: change[field] };
    }
    if (Object.keys(changes).length === 0) return current;
    const at = now();
    const next: Tenant = { ...current, ...stripUndefined(change), version: current.version + 1, updatedAt: at };
    await store.updateTenant(next, { id: newId('evt'), tenantId: id, at, by: actorName(actor), actor, changes });
    return next;
  });
}

/** Entries written before `actor` read with one made from `by` (the platform admin, or a user whose key is not known). */
export const listAudit = (store: TenancyStore, id: string, page: PageRequest) =>
  getTenant(store, id)
    .then(() => store.listAudit(id, page))
    .then((result) => ({
      ...result,
      items: result.items.map((e) => ({
        ...e,
        actor: e.actor ? readActor(e.actor) : e.by === 'platform-admin' ? PLATFORM_ADMIN : readActor({ userId: e.by }),
      })),
    }));

export const actorName = (actor: Actor): string => (actor.kind === 'system' ? actor.name : actor.userId);

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
