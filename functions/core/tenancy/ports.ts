import type { Page, PageRequest } from '#core/paging';
import type { Plan, Role, Tenant, TenantStatus } from '#core/tenancy/caller';

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
  revokedAt?: string;
}

export interface TenantChange {
  plan?: Plan;
  seats?: number;
  status?: TenantStatus;
}

export interface AuditEntry {
  id: string;
  tenantId: string;
  at: string;
  by: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface TenancyStore {
  /** Tenant, its first key and any onboarding items, all or nothing. */
  createTenant(tenant: Tenant, ownerKey: ApiKey): Promise<void>;
  getTenant(tenantId: string): Promise<Tenant | undefined>;
  listTenants(page: PageRequest): Promise<Page<Tenant>>;
  /** Saves `next` if the stored version is still `next.version - 1`, with its audit entry. */
  updateTenant(next: Tenant, audit: AuditEntry): Promise<void>;
  listAudit(tenantId: string, page: PageRequest): Promise<Page<AuditEntry>>;
  /** The key and its tenant in one round trip. */
  loadKeyWithTenant(tenantId: string, keyId: string): Promise<{ key?: ApiKey; tenant?: Tenant }>;
  putKey(key: ApiKey): Promise<void>;
  listKeys(tenantId: string, page: PageRequest): Promise<Page<ApiKey>>;
  revokeKey(tenantId: string, keyId: string, at: string): Promise<boolean>;
}
