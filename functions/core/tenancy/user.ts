import { ROLES, type Role } from '#core/tenancy/caller';

/**
 * A person (or bot) of a tenant that API keys act for. `keys` holds the roles of the user's
 * unrevoked keys: the user is active while it has one, and holds a seat exactly while active.
 */
export interface User {
  tenantId: string;
  userId: string;
  name?: string;
  email?: string;
  /** The highest role among the active keys; the last one held once the user is inactive. */
  role: Role;
  active: boolean;
  keys: Record<string, Role>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserProfile {
  name?: string;
  email?: string;
}

/** How a change moves the tenant's count of active users, which is what seats limit. */
export type SeatChange = 'take' | 'keep' | 'free';

export interface UserChange {
  next: User;
  /** null: the user item does not exist yet and must still not exist when written. */
  expectedVersion: number | null;
  seat: SeatChange;
}

export const highestRole = (roles: Role[]): Role | undefined =>
  roles.reduce<Role | undefined>((top, r) => (!top || ROLES.indexOf(r) > ROLES.indexOf(top) ? r : top), undefined);

/** The user as it is once `keyId` (with `role`) is issued for it: created, reactivated or given one more key. */
export function withKey(
  current: User | undefined,
  tenantId: string,
  userId: string,
  key: { id: string; role: Role },
  profile: UserProfile,
  at: string,
): UserChange {
  const keys = { ...current?.keys, [key.id]: key.role };
  const next: User = {
    tenantId,
    userId,
    ...(current?.name !== undefined ? { name: current.name } : {}),
    ...(current?.email !== undefined ? { email: current.email } : {}),
    ...definedOnly(profile),
    role: highestRole(Object.values(keys))!,
    active: true,
    keys,
    version: (current?.version ?? 0) + 1,
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
  };
  return { next, expectedVersion: current ? current.version : null, seat: current?.active ? 'keep' : 'take' };
}

/** The user once `keyId` is revoked: its last key going makes it inactive and frees its seat. */
export function withoutKey(current: User, keyId: string, at: string): UserChange {
  const { [keyId]: _gone, ...keys } = current.keys;
  const active = Object.keys(keys).length > 0;
  const next: User = {
    ...current,
    keys,
    active,
    role: highestRole(Object.values(keys)) ?? current.role,
    version: current.version + 1,
    updatedAt: at,
  };
  return { next, expectedVersion: current.version, seat: current.active && !active ? 'free' : 'keep' };
}

function definedOnly(profile: UserProfile): UserProfile {
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
}

export type PublicUser = Omit<User, 'tenantId' | 'keys' | 'version'> & { activeKeys: number };

export const publicUser = ({ tenantId: _t, keys, version: _v, ...rest }: User): PublicUser => ({
  ...rest,
  activeKeys: Object.keys(keys).length,
});

/** A user id as API keys act for and records are owned by: letters, digits and `._@+-`, up to 128. */
export const USER_ID = /^[A-Za-z0-9._@+-]{1,128}$/;
