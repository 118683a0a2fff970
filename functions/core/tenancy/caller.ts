import type { MailSettings, TenantProfile } from '#core/tenancy/profile';

export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const PLANS = ['free', 'standard', 'extended'] as const;
export type Plan = (typeof PLANS)[number];

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export interface Tenant {
  id: string;
  name: string;
  plan: Plan;
  seats: number;
  status: TenantStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every change to custom fields or pipelines, so caches of them know when they are stale. */
  schemaVersion?: number;
  /** Users with an unrevoked key; at most `seats` when a user is added (absent on tenants made before users existed). */
  activeUsers?: number;
  /** Printed on generated documents (`tenant.*` in templates). */
  profile?: TenantProfile;
  mailSettings?: MailSettings;
  /**
   * Where approval task emails link instead of the approver's page (`https://…{taskId}…`): a tenant
   * with its own app decides there, through the API. Unset: each email carries its own action link.
   */
  approvalLinkTemplate?: string;
  /** Words the template spelling check accepts (names, brands), compared case-insensitively. */
  acceptedWords?: string[];
  /** The deal stage an offer accepted on its share link's page moves the document's deals to (issue 23). */
  acceptanceStageId?: string;
}

/** Who is calling: a tenant user acting through an API key, or the platform admin. */
export type Caller =
  | { kind: 'tenant'; tenant: Tenant; tenantId: string; userId: string; role: Role; keyId: string }
  | { kind: 'admin' }
  | { kind: 'public' };

export type TenantCaller = Extract<Caller, { kind: 'tenant' }>;

export const roleAtLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);
