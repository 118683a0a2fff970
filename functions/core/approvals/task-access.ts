import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';
import type { Task } from '#core/approvals/approval';

/** The assignee (a user, or anyone holding the role or above, viewers included when named) or the active delegate. */
export const isAssignee = (caller: TenantCaller, task: Task): boolean =>
  'userId' in task.assignee ? task.assignee.userId === caller.userId : roleAtLeast(caller.role, task.assignee.role);

export const mayDecide = (caller: TenantCaller, task: Task): boolean =>
  isAssignee(caller, task) || task.delegateTo === caller.userId;

/** Who a decision is for when a delegate makes it: the assigned user, or the role. */
export function onBehalfOf(caller: TenantCaller, task: Task): string | undefined {
  if (isAssignee(caller, task)) return undefined;
  return 'userId' in task.assignee ? task.assignee.userId : `role:${task.assignee.role}`;
}
