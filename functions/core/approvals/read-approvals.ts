import { DomainError, notFound } from '#core/errors';
import { roleAtLeast, ROLES, type TenantCaller } from '#core/tenancy/caller';
import { visibleOrNotFound } from '#core/documents/access';
import type { Approval, Task } from '#core/approvals/approval';
import { approvalEvent } from '#core/approvals/approval';
import { launch } from '#core/approvals/launch';
import type { ApprovalsDeps, TaskFilter } from '#core/approvals/ports';
import type { Page, PageRequest } from '#core/paging';
import { keyActor } from '#core/actor';

/** An approval is visible to whoever sees its document (admins also once the document is gone). */
async function visibleApproval(deps: ApprovalsDeps, caller: TenantCaller, id: string): Promise<Approval> {
  const approval = (await deps.approvals.get(caller.tenantId, id)) ?? notFound('approval', id);
  const doc = await deps.documents.getDocument(caller.tenantId, approval.document.id);
  if (doc) visibleOrNotFound(caller, doc, approval.document.id);
  else if (!roleAtLeast(caller.role, 'admin')) notFound('approval', id);
  return approval;
}

/** The audit trail: the approval, every task, and every event (task history included) in order. */
export async function approvalAudit(deps: ApprovalsDeps, caller: TenantCaller, id: string) {
  const approval = await visibleApproval(deps, caller, id);
  const [tasks, events] = await Promise.all([
    deps.approvals.getTasks(caller.tenantId, approval.stageTasks.flat()),
    deps.approvals.events(caller.tenantId, id),
  ]);
  const taskEvents = tasks.flatMap((t) => t.history.map((e) => ({ ...e, taskId: t.id })));
  const trail = [...events.map((e) => ({ ...e, taskId: undefined })), ...taskEvents]
    .map((e, seq) => ({ e, seq }))
    .sort((a, b) => a.e.at.localeCompare(b.e.at) || a.seq - b.seq)
    .map(({ e }) => e);
  return { approval, tasks, trail };
}

export async function documentApprovals(deps: ApprovalsDeps, caller: TenantCaller, documentId: string) {
  visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  return deps.approvals.listForDocument(caller.tenantId, documentId);
}

/** `assignee=me`: open tasks assigned to the caller, to a role they hold, or delegated to them. */
export async function myOpenTasks(deps: ApprovalsDeps, caller: TenantCaller): Promise<Task[]> {
  const roles = ROLES.filter((r) => roleAtLeast(caller.role, r)).map((r) => `role:${r}`);
  return deps.approvals.openTasksFor(caller.tenantId, [`user:${caller.userId}`, ...roles], caller.userId);
}

/**
 * The tenant's tasks for dashboards, by state, assignee and document: owners and admins only (they
 * see every document's approvals); everyone else lists their own with `assignee=me`.
 */
export async function tenantTasks(
  deps: ApprovalsDeps,
  caller: TenantCaller,
  filter: TaskFilter,
  page: PageRequest,
): Promise<Page<Task>> {
  if (!roleAtLeast(caller.role, 'admin'))
    throw new DomainError('FORBIDDEN', "Only owners and admins list the tenant's tasks; use assignee=me for your own.");
  return deps.approvals.listTasks(caller.tenantId, filter, page);
}

/**
 * `POST /v1/approvals/{id}/resume`: the execution is gone (a local restart forgets executions), so
 * a new one starts at the current stage; its tasks and decisions are in the table and are kept.
 */
export async function resumeApproval(deps: ApprovalsDeps, caller: TenantCaller, id: string) {
  const approval = await visibleApproval(deps, caller, id);
  if (caller.role === 'viewer') throw new DomainError('FORBIDDEN', 'Viewers cannot resume approvals.');
  if (approval.status !== 'running')
    throw new DomainError('CONFLICT', `Approval ${id} is ${approval.status}; there is nothing to resume.`);
  if (approval.executionName && (await deps.workflow.isRunning(approval.executionName)))
    throw new DomainError('CONFLICT', `Approval ${id} is still running; it needs no resume.`);
  const at = deps.clock.now().toISOString();
  await deps.approvals.addEvent(
    approval,
    approvalEvent('resumed', at, keyActor(caller), { stage: approval.currentStage }),
  );
  await launch(deps, approval, approval.currentStage, keyActor(caller));
  return { ...approval, executions: approval.executions + 1 };
}
