import * as z from 'zod';
import { decideTask, delegateTask } from '#core/approvals/decide-task';
import { myOpenTasks } from '#core/approvals/read-approvals';
import { DecisionIn, DelegateIn } from '#core/approvals/route-input';
import { ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { TaskList, TaskOut } from '#http/schemas/approvals';
import { presentTask } from '#http/present-approval';

const tag = 'Approval tasks';

export const approvalTaskRoutes = [
  route({
    method: 'GET',
    path: '/v1/approval-tasks',
    operationId: 'listApprovalTasks',
    summary: 'Open approval tasks of the caller',
    tag,
    auth: 'tenant',
    description:
      '`assignee=me`: tasks assigned to the caller, shared tasks of a role the caller holds (or a lower one), and tasks delegated to the caller; oldest first.',
    query: z.strictObject({ assignee: z.literal('me').describe('Only `me` for now.') }),
    success: { status: 200, schema: TaskList, description: 'The open tasks' },
    handler: async (_input, { caller, deps }) =>
      ok({ items: (await myOpenTasks(deps.approvals, caller)).map(presentTask) }),
  }),
  route({
    method: 'POST',
    path: '/v1/approval-tasks/{id}/decision',
    operationId: 'decideApprovalTask',
    summary: 'Approve or reject a task',
    tag,
    auth: 'tenant',
    role: 'viewer',
    description:
      'Only the assignee (for a role task: anyone holding the role) or the active delegate; 403 otherwise, 409 once the task is closed. A delegate decides "for" the assignee. A repeated request with the same `Idempotency-Key` answers the original result.',
    params: idParam('tsk'),
    body: DecisionIn,
    example: { decision: 'approve', comment: 'Terms as agreed.' },
    errors: [403, 409],
    success: { status: 200, schema: TaskOut, description: 'The decided task' },
    handler: async ({ params, body }, { caller, deps }) =>
      ok(presentTask(await decideTask(deps.approvals, caller, params.id, body))),
  }),
  route({
    method: 'POST',
    path: '/v1/approval-tasks/{id}/delegate',
    operationId: 'delegateApprovalTask',
    summary: 'Delegate a task to another user',
    tag,
    auth: 'tenant',
    role: 'viewer',
    description: 'Only the assignee. The delegate may then decide; the decision records who decided for whom.',
    params: idParam('tsk'),
    body: DelegateIn,
    example: { userId: 'usr_01JD0000000000000000000000' },
    errors: [403, 409],
    success: { status: 200, schema: TaskOut, description: 'The task with its delegate' },
    handler: async ({ params, body }, { caller, deps }) =>
      ok(presentTask(await delegateTask(deps.approvals, caller, params.id, body))),
  }),
];
