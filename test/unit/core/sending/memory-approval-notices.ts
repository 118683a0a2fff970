// In-memory fakes of the approval notices' store ports (functions/store/sending/approval-notices.ts):
// the tenant's users as the users store keeps them, its tenant, and the once-per-key claims.
import type { ActionLink } from '#core/approvals/action-links';
import type { Approver } from '#core/approvals/route';
import type { ApprovalNoticeDeps, Person } from '#core/sending/approval-notices';
import { roleAtLeast, type Tenant } from '#core/tenancy/caller';
import type { User } from '#core/tenancy/user';

export function memoryApprovalNotices() {
  const users: User[] = [];
  const tenants = new Map<string, Tenant>();
  const claims = new Set<string>();
  // Only an active user with an email hears of a task; the name goes with it when there is one.
  const person = (u: User): Person[] =>
    u.active && u.email ? [{ userId: u.userId, email: u.email, ...(u.name ? { name: u.name } : {}) }] : [];
  const links: Array<{ link: ActionLink; hash: string }> = [];
  const ports: Omit<ApprovalNoticeDeps, 'mailer' | 'publicBaseUrl'> = {
    actionLinks: { save: async (link, hash) => void links.push(structuredClone({ link, hash })) },
    async people(tenantId: string, assignee: Approver) {
      const mine = users.filter((u) => u.tenantId === tenantId);
      if ('userId' in assignee) return mine.filter((u) => u.userId === assignee.userId).flatMap(person);
      // In the order the users were created, as the store's list index reads them.
      return [...mine]
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.userId.localeCompare(b.userId))
        .filter((u) => roleAtLeast(u.role, assignee.role))
        .flatMap(person);
    },
    tenant: async (tenantId) => structuredClone(tenants.get(tenantId)),
    async claim(tenantId, taskId, key) {
      const claim = `${tenantId}#${taskId}#${key}`;
      if (claims.has(claim)) return false;
      claims.add(claim);
      return true;
    },
  };
  return {
    ports,
    links,
    addUser: (u: User) => void users.push(structuredClone(u)),
    addTenant: (t: Tenant) => void tenants.set(t.id, structuredClone(t)),
  };
}
