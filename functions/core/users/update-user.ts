import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, forbidden, notFound } from '#core/errors';
import { now } from '#core/ids';
import type { TenantCaller } from '#core/tenancy/caller';
import type { UsersStore } from '#core/tenancy/ports';
import type { User } from '#core/tenancy/user';

/** `null` removes the name or the email; absent leaves it. */
export interface UserPatch {
  name?: string | null;
  email?: string | null;
}

/**
 * `PATCH /v1/users/{id}`: a user's name and email are the owner's or the user's own to change, never
 * an admin's (an email decides where the user's notices go, so changing it is acting as them).
 * Without `expected` (If-Match) a change that lost a race is re-applied to the user as it is now.
 */
export async function updateUser(
  store: UsersStore,
  caller: TenantCaller,
  userId: string,
  patch: UserPatch,
  expected?: number,
  retry = DEFAULT_CONFLICT_RETRY,
): Promise<User> {
  if (caller.role !== 'owner' && caller.userId !== userId)
    forbidden(`Only the owner or ${userId}'s own key may change ${userId}'s name or email.`);
  return retryConflicts(retry, expected === undefined, 'user', async () => {
    const current = (await store.getUser(caller.tenantId, userId)) ?? notFound('user', userId);
    if (expected !== undefined && expected !== current.version)
      throw new DomainError('VERSION_CONFLICT', `User ${userId} is at version ${current.version}, not ${expected}.`);
    const next: User = { ...current };
    for (const field of ['name', 'email'] as const) {
      const value = patch[field];
      if (value === null) delete next[field];
      else if (value !== undefined) next[field] = value;
    }
    if (next.name === current.name && next.email === current.email) return current;
    const saved = { ...next, version: current.version + 1, updatedAt: now() };
    await store.saveUser(saved);
    return saved;
  });
}
