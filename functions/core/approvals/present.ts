import type { Approval, Task } from '#core/approvals/approval';
import type { ApprovalRoute } from '#core/approvals/route';
import { withActorRead } from '#core/actor';

// The API's view of approvals: no tenant ids, and never a task token (the store never hands one out).

export const presentRoute = ({ tenantId: _t, ...route }: ApprovalRoute) => route;

export const presentApproval = ({ tenantId: _t, executionName: _e, stageTasks: _s, ...approval }: Approval) => approval;

export const presentTask = (t: Task) => ({
  id: t.id,
  approvalId: t.approvalId,
  documentId: t.documentId,
  stage: t.stageName,
  stageIndex: t.stage,
  assigneeId: 'userId' in t.assignee ? t.assignee.userId : null,
  assigneeRole: 'role' in t.assignee ? t.assignee.role : null,
  delegateTo: t.delegateTo ?? null,
  status: t.status,
  ...(t.decision && { decision: t.decision }),
  createdAt: t.createdAt,
  history: t.history.map(withActorRead),
});
