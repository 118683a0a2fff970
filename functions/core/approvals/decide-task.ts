import { DomainError, forbidden, notFound } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import type { Task } from '#core/approvals/approval';
import { taskEvent } from '#core/approvals/approval';
import type { ApprovalsDeps } from '#core/approvals/ports';
import type { DecisionInput, DelegateInput } from '#core/approvals/route-input';
import { settleStage } from '#core/approvals/settle-stage';
import { isAssignee, mayDecide, onBehalfOf } from '#core/approvals/approval';
import { keyActor } from '#core/actor';

async function taskOf(deps: ApprovalsDeps, caller: TenantCaller, id: string): Promise<Task> {
  return (await deps.approvals.getTask(caller.tenantId, id)) ?? notFound('approval task', id);
}

const closedTask = (task: Task): never => {
  throw new DomainError(
    'CONFLICT',
    `Task ${task.id} is ${task.status.replace('_', ' ')}; it can no longer be decided.`,
  );
};

/**
 * `POST /v1/approval-tasks/{id}/decision`: checked at decision time (assignee or active delegate,
 * task still open), recorded with a conditional write, then the waiting workflow step is resumed
 * with the task's token, which only the server ever sees.
 */
export async function decideTask(
  deps: ApprovalsDeps,
  caller: TenantCaller,
  id: string,
  input: DecisionInput,
): Promise<Task> {
  const task = await taskOf(deps, caller, id);
  if (!mayDecide(caller, task)) forbidden(`Task ${id} is not yours to decide.`);
  if (task.status !== 'open') closedTask(task);
  const approval =
    (await deps.approvals.get(caller.tenantId, task.approvalId)) ?? notFound('approval', task.approvalId);
  const at = deps.clock.now().toISOString();
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const forWhom = onBehalfOf(caller, task);
  const decision = {
    decision: status,
    by: caller.userId,
    keyId: caller.keyId,
    ...(forWhom && { onBehalfOf: forWhom }),
    ...(input.comment !== undefined && { comment: input.comment }),
    at,
  } as const;
  const details = { approvalId: approval.id, taskId: id, stage: task.stageName, ...decision };
  const closed = await deps.approvals.closeTask(
    task,
    status,
    taskEvent('decided', at, keyActor(caller), { ...decision }),
    decision,
    {
      approval,
      type: 'approval_decided',
      details,
    },
  );
  if (!closed.closed) return closedTask((await deps.approvals.getTask(caller.tenantId, id)) ?? task);
  // No token yet: the workflow step has not stored it, and will find the task decided when it does.
  if (closed.token) await deps.workflow.resume(closed.token, { status });
  const now = { ...task, status, decision, history: [...task.history] } satisfies Task;
  await settleStage(deps, approval, now);
  return now;
}

/** `POST /v1/approval-tasks/{id}/delegate`: the assignee hands the task to another user, who decides "for" them. */
export async function delegateTask(
  deps: ApprovalsDeps,
  caller: TenantCaller,
  id: string,
  input: DelegateInput,
): Promise<Task> {
  const task = await taskOf(deps, caller, id);
  if (!isAssignee(caller, task)) forbidden(`Only the assignee of task ${id} may delegate it.`);
  if (task.status !== 'open') closedTask(task);
  const to = input.userId;
  if (to === caller.userId)
    throw new DomainError('VALIDATION', 'The delegation is invalid.', [
      { path: 'userId', message: 'cannot delegate to yourself' },
    ]);
  if ((await deps.users.missing(caller.tenantId, [to])).length)
    throw new DomainError('VALIDATION', 'The delegation is invalid.', [
      { path: 'userId', message: `no user ${to} in this tenant` },
    ]);
  const at = deps.clock.now().toISOString();
  const event = taskEvent('delegated', at, keyActor(caller), { to, from: task.delegateTo ?? null });
  if (!(await deps.approvals.updateOpenTask(task, { delegateTo: to }, event))) closedTask(task);
  return { ...task, delegateTo: to, history: [...task.history, event] };
}
