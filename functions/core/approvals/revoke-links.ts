import { approvalEvent } from '#core/approvals/approval';
import type { ApprovalsDeps } from '#core/approvals/ports';
import { keyActor } from '#core/actor';
import { forbidden, notFound } from '#core/errors';
import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';

/**
 * `DELETE /v1/approval-tasks/{id}/links` (owners and admins): the task's emailed action links stop
 * opening it at once (a forwarded email, a lost phone); the task itself stays open for the API and
 * for the next notice's link. Revoking again is a no-op. The approval's trail records who did it.
 */
export async function revokeTaskLinks(deps: ApprovalsDeps, caller: TenantCaller, taskId: string): Promise<void> {
  if (!roleAtLeast(caller.role, 'admin')) forbidden("Only owners and admins revoke a task's links.");
  const task = (await deps.approvals.getTask(caller.tenantId, taskId)) ?? notFound('approval task', taskId);
  const at = deps.clock.now().toISOString();
  const revoked = await deps.actionLinks.revokeForTask(caller.tenantId, taskId, at);
  if (!revoked) return;
  const approval = await deps.approvals.get(caller.tenantId, task.approvalId);
  if (approval)
    await deps.approvals.addEvent(
      approval,
      approvalEvent('action_links_revoked', at, keyActor(caller), { taskId, links: revoked }),
    );
}
