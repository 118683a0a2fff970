import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, forbidden, notFound, type FieldError } from '#core/errors';
import { newId, now } from '#core/ids';
import type { Page, PageRequest } from '#core/paging';
import { roleAtLeast, type Role, type TenantCaller } from '#core/tenancy/caller';
import { mintKeySecret } from '#core/tenancy/key-secret';
import type { ApiKey, TenancyStore } from '#core/tenancy/ports';
import { SeatsFullError } from '#core/tenancy/seats-full';
import { withKey, withoutKey, type User, type UserProfile } from '#core/tenancy/user';
import { WriteConflict } from '#core/write-conflict';
import { keyActor } from '#core/actor';

export type PublicApiKey = Omit<ApiKey, 'hash' | 'tenantId'>;

export const publicKey = ({ hash: _hash, tenantId: _tenant, ...rest }: ApiKey): PublicApiKey => rest;

function assertCanManageKeys(caller: TenantCaller, role?: Role): void {
  if (!roleAtLeast(caller.role, 'admin')) forbidden('Only admins and owners manage API keys.');
  // An admin minting an owner key would be a privilege escalation.
  if (role && !roleAtLeast(caller.role, role)) forbidden(`A ${caller.role} cannot create a key with role ${role}.`);
}

/** A key lives at most this long: a longer-lived secret is a liability, and instants stay in years 0000-9999. */
export const MAX_KEY_LIFETIME_YEARS = 10;

/** Compares instants, never strings: "9999-12-31T23:59:59-14:00" is far in the future, not in the past. */
function checkExpiry(expiresAt: string, createdAt: string): void {
  const at = Date.parse(expiresAt);
  const latest = new Date(createdAt);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_KEY_LIFETIME_YEARS);
  const problem = !(at > Date.parse(createdAt))
    ? 'must be in the future'
    : at > latest.getTime()
      ? `must be at most ${MAX_KEY_LIFETIME_YEARS} years from now (${latest.toISOString()} or earlier)`
      : undefined;
  if (problem) throw new DomainError('VALIDATION', `expiresAt ${problem}.`, [{ path: 'expiresAt', message: problem }]);
}

export interface NewApiKey {
  name: string;
  role: Role;
  /** The user the key acts for: an existing one gets one more key; absent, a new `usr_` user. */
  userId?: string;
  expiresAt?: string;
  /** Sets the user's name and email; an existing user's email only by the owner or the user's own key. */
  user?: UserProfile;
}

/**
 * An admin may not act as anyone of its own standing or above: a key for an existing user other
 * than the caller needs that user's current role below admin (an owner issues for anyone), and
 * another user's email, where their notices go, is the owner's or their own to change.
 */
function assertMayIssueFor(caller: TenantCaller, user: User | undefined, profile: UserProfile | undefined): void {
  if (!user || user.userId === caller.userId || caller.role === 'owner') return;
  const errors: FieldError[] = [];
  if (roleAtLeast(user.role, 'admin'))
    errors.push({
      path: 'userId',
      message: `must be a user below admin (${user.userId} is ${user.role}), or yourself`,
    });
  if (profile?.email !== undefined && profile.email !== user.email)
    errors.push({ path: 'user.email', message: "only the owner or the user's own key may change a user's email" });
  if (errors.length)
    throw new DomainError(
      'FORBIDDEN',
      `A ${caller.role} cannot ${errors[0].path === 'userId' ? `issue keys for ${user.userId}, who is ${user.role}` : `change ${user.userId}'s email`}.`,
      errors,
    );
}

const userChanged = () => new WriteConflict('version', 'The user changed meanwhile; read it again.');

/**
 * Issues a key and creates, reactivates or extends its user in one transaction. A user who is not
 * active yet takes a seat, under a condition on the tenant's count: `409` with the figures when all
 * are taken. A user changed by a concurrent request is re-read and the change recomputed.
 */
export async function createApiKey(store: TenancyStore, caller: TenantCaller, input: NewApiKey) {
  assertCanManageKeys(caller, input.role);
  const id = newId('key');
  const { secret, hash } = mintKeySecret(caller.tenantId, id);
  const createdAt = now();
  if (input.expiresAt) checkExpiry(input.expiresAt, createdAt);
  const key: ApiKey = {
    id,
    tenantId: caller.tenantId,
    name: input.name,
    role: input.role,
    userId: input.userId ?? newId('usr'),
    hash,
    createdAt,
    issuedBy: keyActor(caller),
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
  };
  await retryConflicts(DEFAULT_CONFLICT_RETRY, true, 'user', async () => {
    const current = input.userId ? await store.getUser(caller.tenantId, key.userId) : undefined;
    // Checked on the user as read: the write is conditioned on this version, so a role raised meanwhile is re-checked.
    assertMayIssueFor(caller, current, input.user);
    const change = withKey(current, caller.tenantId, key.userId, key, input.user ?? {}, createdAt);
    const outcome = await store.putKey(key, change);
    if (outcome === 'user-changed') throw userChanged();
    if (typeof outcome === 'object') throw new SeatsFullError(outcome.seatsFull);
  });
  return { ...publicKey(key), secret };
}

export async function listApiKeys(
  store: TenancyStore,
  caller: TenantCaller,
  page: PageRequest,
): Promise<Page<PublicApiKey>> {
  assertCanManageKeys(caller);
  const result = await store.listKeys(caller.tenantId, page);
  return { ...result, items: result.items.map(publicKey) };
}

/** Revokes at once; a user's last key going makes the user inactive and frees its seat (same transaction). */
export async function revokeApiKey(store: TenancyStore, caller: TenantCaller, keyId: string): Promise<void> {
  assertCanManageKeys(caller);
  const { key } = await store.loadKeyWithTenant(caller.tenantId, keyId);
  if (!key || key.revokedAt) notFound('API key', keyId);
  if (key!.role === 'owner' && caller.role !== 'owner') forbidden('Only an owner can revoke an owner key.');
  if (keyId === caller.keyId) throw new DomainError('CONFLICT', 'A key cannot revoke itself; use another key.');
  const at = now();
  await retryConflicts(DEFAULT_CONFLICT_RETRY, true, 'user', async () => {
    const user = await store.getUser(caller.tenantId, key!.userId);
    // Keys issued before users existed have no user to update.
    const change = user && keyId in user.keys ? withoutKey(user, keyId, at) : undefined;
    const outcome = await store.revokeKey(caller.tenantId, keyId, at, change);
    if (outcome === 'not-found') notFound('API key', keyId);
    if (outcome === 'user-changed') throw userChanged();
  });
}
