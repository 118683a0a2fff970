import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, forbidden, invalid } from '#core/errors';
import { registryCodeErrors, type PartyCodes } from '#core/tenancy/estonian-codes';
import { newId, now } from '#core/ids';
import type { MailSettings, TenantProfile } from '#core/tenancy/profile';
import { roleAtLeast, type Tenant, type TenantCaller } from '#core/tenancy/caller';
import type { AuditEntry, TenancyStore } from '#core/tenancy/ports';
import { keyActor } from '#core/actor';

/** What a tenant edits about itself; `profile` and `mailSettings` merge (null removes), `acceptedWords` replaces. */
export interface TenantSettingsPatch {
  name?: string;
  profile?: unknown;
  mailSettings?: unknown;
  acceptedWords?: string[] | null;
  /** Replaces (null removes); checked by the HTTP schema (https, holds `{taskId}`). */
  approvalLinkTemplate?: string | null;
  /** A deal stage id (null removes it): accepted offers move their deals there. */
  acceptanceStageId?: string | null;
}

const SETTINGS = [
  'name',
  'profile',
  'mailSettings',
  'acceptedWords',
  'approvalLinkTemplate',
  'acceptanceStageId',
] as const;

/** The stage ids of the tenant's deal pipelines (records is above tenancy, so the caller reads them). */
export type DealStages = () => Promise<string[]>;

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
  dealStages?: DealStages,
): Promise<Tenant> {
  if (!roleAtLeast(caller.role, 'admin')) forbidden("Only owners and admins edit the tenant's settings.");
  // Checked at save only: a stage deleted later just moves no deal (acceptance moves a deal only
  // where its pipeline holds the stage).
  if (typeof patch.acceptanceStageId === 'string' && dealStages) {
    const stages = await dealStages();
    if (!stages.includes(patch.acceptanceStageId))
      invalid(`${patch.acceptanceStageId} is not a stage of any of the tenant's deal pipelines.`, [
        { path: 'acceptanceStageId', message: "is not a stage of any of the tenant's deal pipelines" },
      ]);
  }
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
      approvalLinkTemplate:
        patch.approvalLinkTemplate === undefined
          ? current.approvalLinkTemplate
          : (patch.approvalLinkTemplate ?? undefined),
      acceptanceStageId:
        patch.acceptanceStageId === undefined ? current.acceptanceStageId : (patch.acceptanceStageId ?? undefined),
    };
    if (next.acceptanceStageId === undefined) delete next.acceptanceStageId;
    // After the merge: the registry code's rule depends on the country, which the stored profile may hold.
    const codes = registryCodeErrors(next.profile, patch.profile as PartyCodes | null | undefined);
    if (codes.length)
      invalid(
        codes[0].message,
        codes.map((e) => ({ ...e, path: `profile.${e.path}` })),
      );
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

type Json = unknown;

const isPlainObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * RFC 7396 JSON merge patch: members of `patch` replace those of `target`, `null` removes one,
 * nested objects merge. An object left empty becomes `undefined`, so nothing empty is stored.
 */
export function mergePatch<T>(target: T | undefined, patch: Json): T | undefined {
  if (patch === undefined) return target;
  if (!isPlainObject(patch)) return patch === null ? undefined : (patch as T);
  const result: Record<string, Json> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    const merged = mergePatch(result[key], value);
    if (merged === undefined) delete result[key];
    else result[key] = merged;
  }
  return Object.keys(result).length > 0 ? (result as T) : undefined;
}
