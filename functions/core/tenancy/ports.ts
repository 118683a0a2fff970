import type { Page, PageRequest } from '#core/paging';
import type { Plan, Role, Tenant, TenantStatus } from '#core/tenancy/caller';
import type { SeatFigures } from '#core/tenancy/seats-full';
import type { User, UserChange } from '#core/tenancy/user';
import type { Actor } from '#core/actor';

export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  userId: string;
  hash: string;
  createdAt: string;
  /** After this instant the key no longer authenticates. */
  expiresAt?: string;
  /** Who issued it (absent on keys issued before this was kept): a trail naming the key leads here. */
  issuedBy?: Actor;
  revokedAt?: string;
}

export interface TenantChange {
  name?: string;
  plan?: Plan;
  seats?: number;
  status?: TenantStatus;
}

export interface AuditEntry {
  id: string;
  tenantId: string;
  at: string;
  /** The user id, or `platform-admin`: kept for readers of entries written before `actor`. */
  by: string;
  /** Absent on entries written before actors named their key; read with readActor. */
  actor?: Actor;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** 'user-changed': the user item is not at the version the change was computed from (re-read, retry). */
export type KeyIssueOutcome = 'issued' | 'user-changed' | { seatsFull: SeatFigures };
export type KeyRevokeOutcome = 'revoked' | 'not-found' | 'user-changed';

export interface UsersStore {
  /** Strongly consistent: key issuing decides from it. */
  getUser(tenantId: string, userId: string): Promise<User | undefined>;
  /** Oldest first. */
  listUsers(tenantId: string, page: PageRequest): Promise<Page<User>>;
  /** Saves `next` if the stored user is still at `next.version - 1`; a `WriteConflict` ('version') if not. */
  saveUser(next: User): Promise<void>;
}

export interface TenancyStore extends UsersStore {
  /** Tenant (counting its owner as its first active user), the owner's key and user, onboarding items: all or nothing. */
  createTenant(tenant: Tenant, ownerKey: ApiKey, owner: User): Promise<void>;
  getTenant(tenantId: string): Promise<Tenant | undefined>;
  listTenants(page: PageRequest): Promise<Page<Tenant>>;
  /** Saves `next` if the stored version is still `next.version - 1`, with its audit entry. */
  updateTenant(next: Tenant, audit: AuditEntry): Promise<void>;
  listAudit(tenantId: string, page: PageRequest): Promise<Page<AuditEntry>>;
  /** The key and its tenant in one round trip. */
  loadKeyWithTenant(tenantId: string, keyId: string): Promise<{ key?: ApiKey; tenant?: Tenant }>;
  /**
   * The key, its user as `user.next` (conditioned on `user.expectedVersion`) and, for `seat: 'take'`,
   * the tenant's active-user count raised under the condition that it stays within `seats`: one
   * transaction, so two requests racing for the last seat cannot both win.
   */
  putKey(key: ApiKey, user: UserChange): Promise<KeyIssueOutcome>;
  listKeys(tenantId: string, page: PageRequest): Promise<Page<ApiKey>>;
  /** Revokes the key and, in the same transaction, writes its user's change (seat freed with the last key). */
  revokeKey(tenantId: string, keyId: string, at: string, user?: UserChange): Promise<KeyRevokeOutcome>;
}
