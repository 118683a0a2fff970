import { DomainError, forbidden, notFound } from '#core/errors';
import type { Role, TenantCaller } from '#core/tenancy/caller';
import type { Task } from '#core/approvals/approval';
import { taskEvent } from '#core/approvals/approval';
import type { ApprovalsDeps } from '#core/approvals/ports';
import type { DecisionInput, DelegateInput } from '#core/approvals/route-input';
import { settleStage } from '#core/approvals/settle-stage';
import { isAssignee, mayDecide, onBehalfOf } from '#core/approvals/approval';
import { keyActor, type Actor } from '#core/actor';

async function taskOf(deps: ApprovalsDeps, tenantId: string, id: string): Promise<Task> {
  return (await deps.approvals.getTask(tenantId, id)) ?? notFound('approval task', id);
}

const closedTask = (task: Task): never => {
  throw new DomainError(
    'CONFLICT',
    `Task ${task.id} is ${task.status.replace('_', ' ')}; it can no longer be decided.`,
  );
};

/**
 * Who decides or delegates: a user through an API key (the API), or through an approval action link
 * (the approver's page). The rules are the same; only the actor the trail records differs.
 */
export interface Decider {
  tenantId: string;
  userId: string;
  role: Role;
  actor: Actor;
  keyId?: string;
  linkId?: string;
}

const byKey = (caller: TenantCaller): Decider => ({
  tenantId: caller.tenantId,
  userId: caller.userId,
  role: caller.role,
  actor: keyActor(caller),
  keyId: caller.keyId,
});

/**
 * `POST /v1/approval-tasks/{id}/decision`: checked at decision time (assignee or active delegate,
 * task still open), recorded with a conditional write, then the waiting workflow step is resumed
 * with the task's token, which only the server ever sees.
 */
export const decideTask = (
  deps: ApprovalsDeps,
  caller: TenantCaller,
  id: string,
  input: DecisionInput,
): Promise<Task> => decideTaskAs(deps, byKey(caller), id, input);

export async function decideTaskAs(deps: ApprovalsDeps, who: Decider, id: string, input: DecisionInput): Promise<Task> {
  const task = await taskOf(deps, who.tenantId, id);
  if (!mayDecide(who, task)) forbidden(`Task ${id} is not yours to decide.`);
  if (task.status !== 'open') closedTask(task);
  const approval = (await deps.approvals.get(who.tenantId, task.approvalId)) ?? notFound('approval', task.approvalId);
  const at = deps.clock.now().toISOString();
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const forWhom = onBehalfOf(who, task);
  const decision = {
    decision: status,
    by: who.userId,
    ...(who.keyId !== undefined && { keyId: who.keyId }),
    ...(who.linkId !== undefined && { linkId: who.linkId }),
    ...(forWhom && { onBehalfOf: forWhom }),
    ...(input.comment !== undefined && { comment: input.comment }),
    at,
  } as const;
  const details = { approvalId: approval.id, taskId: id, stage: task.stageName, ...decision };
  const closed = await deps.approvals.closeTask(
    task,
    status,
    taskEvent('decided', at, who.actor, { ...decision }),
    decision,
    {
      approval,
      type: 'approval_decided',
      details,
    },
  );
  if (!closed.closed) return closedTask((await deps.approvals.getTask(who.tenantId, id)) ?? task);
  // No token yet: the workflow step has not stored it, and will find the task decided when it does.
  if (closed.token) await deps.workflow.resume(closed.token, { status });
  const now = { ...task, status, decision, history: [...task.history] } satisfies Task;
  await settleStage(deps, approval, now);
  return now;
}

/** `POST /v1/approval-tasks/{id}/delegate`: the assignee hands the task to another user, who decides "for" them. */
export const delegateTask = (
  deps: ApprovalsDeps,
  caller: TenantCaller,
  id: string,
  input: DelegateInput,
): Promise<Task> => delegateTaskAs(deps, byKey(caller), id, input);

/** `comment`: the approver's page lets the delegator say why (the API's body has none). */
export async function delegateTaskAs(
  deps: ApprovalsDeps,
  who: Decider,
  id: string,
  input: DelegateInput & { comment?: string },
): Promise<Task> {
  const task = await taskOf(deps, who.tenantId, id);
  if (!isAssignee(who, task)) forbidden(`Only the assignee of task ${id} may delegate it.`);
  if (task.status !== 'open') closedTask(task);
  const to = input.userId;
  if (to === who.userId)
    throw new DomainError('VALIDATION', 'The delegation is invalid.', [
      { path: 'userId', message: 'cannot delegate to yourself' },
    ]);
  if ((await deps.users.missing(who.tenantId, [to])).length)
    throw new DomainError('VALIDATION', 'The delegation is invalid.', [
      { path: 'userId', message: `no user ${to} in this tenant` },
    ]);
  // Read before the write, where notices are wired (the API, the page): once the delegation is
  // written, nothing after it may fail the request (its notice never throws).
  const approval = deps.notify ? await deps.approvals.get(who.tenantId, task.approvalId) : undefined;
  const at = deps.clock.now().toISOString();
  const event = taskEvent('delegated', at, who.actor, {
    to,
    from: task.delegateTo ?? null,
    ...(input.comment !== undefined && { comment: input.comment }),
  });
  if (!(await deps.approvals.updateOpenTask(task, { delegateTo: to }, event))) closedTask(task);
  const delegated = { ...task, delegateTo: to, history: [...task.history, event] };
  // The delegate hears of it by email, with an action link of their own.
  if (deps.notify && approval) await deps.notify('delegated', delegated, approval);
  return delegated;
}
