import type { Approval, ApprovalEvent, Task } from '#core/approvals/approval';
import type { ApprovalRoute, RouteVersion } from '#core/approvals/route';
import { approverKey } from '#core/approvals/route';
import {
  APPROVAL_EVENT_PREFIX,
  approvalPk,
  approvalRoutePk,
  createdSk,
  DOCUMENT_APPROVAL_PREFIX,
  documentPk,
  entityListPk,
  META,
  openTaskListPk,
  TASK_LIST_SK,
  taskListPk,
  taskPk,
  versionSk,
} from '#store/dynamo/keys';

// Items of routes, approvals and tasks as keys.ts lays them out; each domain object sits whole
// under one attribute, so conditions read `approval.status` / `task.status`.

type Item = Record<string, unknown>;

export const routeKey = (tenantId: string, id: string) => ({ pk: approvalRoutePk(tenantId, id), sk: META });
export const routeItem = (r: ApprovalRoute): Item => ({
  ...routeKey(r.tenantId, r.id),
  kind: 'approval-route',
  entityPk: entityListPk(r.tenantId, 'approvalroute'),
  createdSk: createdSk(r.createdAt, r.id),
  route: r,
});
export const routeVersionItem = (tenantId: string, v: RouteVersion): Item => ({
  pk: approvalRoutePk(tenantId, v.routeId),
  sk: versionSk(v.version),
  kind: 'approval-route-version',
  routeVersion: v,
});

export const approvalKey = (tenantId: string, id: string) => ({ pk: approvalPk(tenantId, id), sk: META });
export const approvalItem = (a: Approval): Item => ({
  ...approvalKey(a.tenantId, a.id),
  kind: 'approval',
  approval: a,
});
export const documentApprovalItem = (a: Approval): Item => ({
  pk: documentPk(a.tenantId, a.document.id),
  sk: `${DOCUMENT_APPROVAL_PREFIX}${a.id}`,
  kind: 'document-approval',
  approvalId: a.id,
});
export const eventItem = (tenantId: string, approvalId: string, e: ApprovalEvent): Item => ({
  pk: approvalPk(tenantId, approvalId),
  sk: `${APPROVAL_EVENT_PREFIX}${e.id}`,
  kind: 'approval-event',
  event: e,
});

export const taskKey = (tenantId: string, id: string) => ({ pk: taskPk(tenantId, id), sk: META });
export const taskItem = (t: Task): Item => ({
  ...taskKey(t.tenantId, t.id),
  kind: 'approval-task',
  createdSk: createdSk(t.createdAt, t.id),
  ...(t.status === 'open' && { stagePk: openTaskListPk(t.tenantId, approverKey(t.assignee)) }),
  task: t,
});

/** Open or closed: the two states the dashboards list by. */
export const taskState = (t: Pick<Task, 'status'>) => (t.status === 'open' ? 'open' : 'closed');

/**
 * The task's entry in the tenant's lists (keys.ts): only keys, written whole at creation and again
 * whenever the task closes or changes assignee, so a task from before the lists gets its entry then.
 */
export const taskListItem = (t: Task): Item => {
  const assignee = approverKey(t.assignee);
  const state = taskState(t);
  return {
    pk: taskPk(t.tenantId, t.id),
    sk: TASK_LIST_SK,
    kind: 'approval-task-list',
    taskId: t.id,
    state,
    assignee,
    createdSk: createdSk(t.createdAt, t.id),
    entityPk: taskListPk(t.tenantId, state),
    ownerPk: taskListPk(t.tenantId, state, 'A', assignee),
    pipelinePk: taskListPk(t.tenantId, 'all'),
    stagePk: taskListPk(t.tenantId, 'all', 'A', assignee),
    companyPk: taskListPk(t.tenantId, 'D', t.documentId),
  };
};
