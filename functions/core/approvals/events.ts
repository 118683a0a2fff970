import type { Approval, Outcome, Task } from '#core/approvals/approval';
import type { Actor } from '#core/actor';
import { newId } from '#core/ids';
import type { OutboxEvent } from '#core/records/events';

// An approval's events, committed in the transaction of the change they announce (decision 0012):
// `approval.started` with the approval's start, `approval.decided` with each task's decision (an
// approver's, or a deadline's for nobody), `approval.completed` with its end (approved, rejected
// or voided). An approval is versioned by its events (started 1, completed 2); a decision's subject
// is its task, decided once (version 1): the decisions of one stage run in parallel, and a
// version shared by two of them would leave their order to chance.

/** What a decision announces: the task as decided and who decided, on which approval and document. */
export interface DecidedTask {
  taskId: string;
  approvalId: string;
  documentId: string;
  stage: string;
  stageIndex: number;
  status: Task['status'];
  decision: NonNullable<Task['decision']>;
}

export const approvalStarted = (approval: Approval, actor: Actor, at: string): OutboxEvent => ({
  id: newId('evt'),
  type: 'approval.started',
  occurredAt: at,
  actor,
  subject: { entity: 'approval', id: approval.id, version: 1 },
  resource: approval,
});

export const approvalDecided = (
  task: Task,
  status: Task['status'],
  decision: NonNullable<Task['decision']>,
  actor: Actor,
): OutboxEvent => {
  const decided: DecidedTask = {
    taskId: task.id,
    approvalId: task.approvalId,
    documentId: task.documentId,
    stage: task.stageName,
    stageIndex: task.stage,
    status,
    decision,
  };
  return {
    id: newId('evt'),
    type: 'approval.decided',
    occurredAt: decision.at,
    actor,
    subject: { entity: 'task', id: task.id, version: 1 },
    resource: decided,
  };
};

/** The approval as it ended: its status (`approved`, `rejected`, `voided`) and its outcome. */
export const approvalCompleted = (approval: Approval, outcome: Outcome, actor: Actor): OutboxEvent => ({
  id: newId('evt'),
  type: 'approval.completed',
  occurredAt: outcome.at,
  actor,
  subject: { entity: 'approval', id: approval.id, version: 2 },
  resource: { ...approval, status: outcome.status, outcome },
});
