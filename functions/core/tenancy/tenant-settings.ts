import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, forbidden } from '#core/errors';
import { newId, now } from '#core/ids';
import type { MailSettings, TenantProfile } from '#core/tenancy/profile';
import { roleAtLeast, type Tenant, type TenantCaller } from '#core/tenancy/caller';
import { mergePatch } from '#core/tenancy/merge-patch';
import type { AuditEntry, TenancyStore } from '#core/tenancy/ports';
import { keyActor } from '#core/actor';

/** What a tenant edits about itself; `profile` and `mailSettings` merge (null removes), `acceptedWords` replaces. */
export interface TenantSettingsPatch {
  name?: string;
  profile?: unknown;
  mailSettings?: unknown;
  acceptedWords?: string[] | null;
}

const SETTINGS = ['name', 'profile', 'mailSettings', 'acceptedWords'] as const;

/**
 * Owners and admins edit the tenant's profile, mail settings and accepted words; only the owner
 * renames the tenant (its name is who the tenant is, on every document and email). Each change is audited.
 */
export async function updateTenantSettings(
  store: TenancyStore,
  caller: TenantCaller,
  patch: TenantSettingsPatch,
  expected?: number,
  retry = DEFAULT_CONFLICT_RETRY,
): Promise<Tenant> {
  if (!roleAtLeast(caller.role, 'admin')) forbidden("Only owners and admins edit the tenant's settings.");
  if (patch.name !== undefined && caller.role !== 'owner')
    throw new DomainError('FORBIDDEN', 'Only an owner renames the tenant.', [
      { path: 'name', message: 'only an owner may change the name' },
    ]);
  return retryConflicts(retry, expected === undefined, 'tenant', async () => {
    const current = (await store.getTenant(caller.tenantId)) ?? caller.tenant;
    if (expected !== undefined && expected !== current.version) {
      throw new DomainError(
        'VERSION_CONFLICT',
        `Tenant ${current.id} is at version ${current.version}, not ${expected}.`,
      );
    }
    const next: Tenant = {
      ...current,
      name: patch.name ?? current.name,
      profile: mergePatch<TenantProfile>(current.profile, patch.profile),
      mailSettings: mergePatch<MailSettings>(current.mailSettings, patch.mailSettings),
      acceptedWords: patch.acceptedWords === undefined ? current.acceptedWords : (patch.acceptedWords ?? undefined),
    };
    const changes: AuditEntry['changes'] = {};
    for (const field of SETTINGS) {
      if (JSON.stringify(next[field]) !== JSON.stringify(current[field]))
        changes[field] = { from: current[field] ?? null, to: next[field] ?? null };
    }
    if (Object.keys(changes).length === 0) return current;
    const at = now();
    const saved = { ...next, version: current.version + 1, updatedAt: at };
    await store.updateTenant(saved, {
      id: newId('evt'),
      tenantId: current.id,
      at,
      by: caller.userId,
      actor: keyActor(caller),
      changes,
    });
    return saved;
  });
}
