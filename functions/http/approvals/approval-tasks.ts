import * as z from 'zod';
import { decideTask, delegateTask } from '#core/approvals/decide-task';
import { myOpenTasks, tenantTasks } from '#core/approvals/read-approvals';
import { revokeTaskLinks } from '#core/approvals/revoke-links';
import { invalid } from '#core/errors';
import { Ref } from '#core/records/standard-fields';
import { approverKey, type Approver } from '#core/approvals/route';
import { ROLES, type Role } from '#core/tenancy/caller';
import { USER_ID } from '#core/tenancy/user';
import { DecisionIn, DelegateIn } from '#core/approvals/route-input';
import { noContent, ok, route } from '#http/route';
import { idParam, PageQuery } from '#http/schemas/common';
import { TaskList, TaskOut } from '#http/approvals/schemas';
import { presentTask } from '#core/approvals/present';

const tag = 'Approval tasks';

const TaskQuery = PageQuery.extend({
  assignee: z
    .union([z.literal('me'), z.enum(ROLES.map((r) => `role:${r}` as const)), z.string().regex(USER_ID)])
    .optional()
    .describe('`me`, a user id, or `role:<role>` (a shared task). Without it: every assignee (admins).'),
  status: z
    .enum(['open', 'closed', 'all'])
    .default('open')
    .describe('Open (default), closed (decided, not required or voided), or all.'),
  documentId: Ref('doc').optional().describe("Only this document's tasks."),
});

/** The `assignee` filter (a user id, or `role:<role>` for a shared task) as the approver tasks are keyed by. */
const approverOf = (assignee: string): Approver =>
  assignee.startsWith('role:') ? { role: assignee.slice('role:'.length) as Role } : { userId: assignee };

export const approvalTaskRoutes = [
  route({
    method: 'GET',
    path: '/v1/approval-tasks',
    operationId: 'listApprovalTasks',
    summary: "Approval tasks: the caller's open ones, or the tenant's for dashboards (admins)",
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    description:
      "`assignee=me` (anyone): open tasks assigned to the caller, shared tasks of a role the caller holds (or a lower one), and tasks delegated to the caller; oldest first, in one page. Otherwise (owners and admins; 403 for others) the tenant's tasks, paged: `status` `open` (default; oldest first), `closed` or `all` (newest first), optionally of one `assignee` (a user id, or `role:<role>` for a shared task) and one `documentId`.",
    query: TaskQuery,
    errors: [403],
    success: { status: 200, schema: TaskList, description: 'One page of tasks' },
    handler: async ({ query, page: asked }, { caller, deps }) => {
      const { assignee, status, documentId } = query;
      if (assignee === 'me') {
        if (status !== 'open')
          invalid('assignee=me lists open tasks.', [{ path: 'status', message: 'Only open with assignee=me.' }]);
        const mine = await myOpenTasks(deps.approvals, caller);
        const shown = documentId ? mine.filter((t) => t.documentId === documentId) : mine;
        return ok({ items: shown.map(presentTask), nextCursor: null });
      }
      const key = assignee === undefined ? undefined : approverKey(approverOf(assignee));
      const page = await tenantTasks(deps.approvals, caller, { status, assignee: key, documentId }, asked);
      return ok({ items: page.items.map(presentTask), nextCursor: page.nextCursor });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/approval-tasks/{id}/decision',
    operationId: 'decideApprovalTask',
    summary: 'Approve or reject a task',
    tag,
    auth: 'tenant',
    ports: ['approvals'],
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
    ports: ['approvals'],
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
  route({
    method: 'DELETE',
    path: '/v1/approval-tasks/{id}/links',
    operationId: 'revokeApprovalTaskLinks',
    summary: "Revoke a task's emailed action links",
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    description:
      'Owners and admins. Every "Review and decide" link mailed for the task so far stops opening the approver\'s page at once (its page answers 410); the task stays open for the API, and a later reminder mails a new link. A link also stops by itself when the task closes, the assignee is deactivated, the tenant is suspended or 14 days pass. Revoking again is 204.',
    params: idParam('tsk'),
    errors: [403],
    success: { status: 204, description: 'Revoked' },
    handler: async ({ params }, { caller, deps }) => {
      await revokeTaskLinks(deps.approvals, caller, params.id);
      return noContent();
    },
  }),
];
