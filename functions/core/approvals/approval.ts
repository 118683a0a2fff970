import type { RecordLink } from '#core/documents/document';
import type { Actor } from '#core/records/record';
import type { Approver, Stage } from '#core/approvals/route';
import { systemActor } from '#core/actor';
import { newId } from '#core/ids';
import { roleAtLeast, type TenantCaller } from '#core/tenancy/caller';

export const APPROVAL_STATUSES = ['running', 'approved', 'rejected', 'voided'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const TASK_STATUSES = ['open', 'approved', 'rejected', 'not_required', 'voided'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type StageOutcome = 'approved' | 'rejected';

/** The document version an approval is bound to: a different version voids it. */
export interface PinnedDocument {
  id: string;
  name: string;
  version: number;
  sha256: string;
}

export interface Outcome {
  status: Exclude<ApprovalStatus, 'running'>;
  at: string;
  /** Who approved (approved), who rejected and why (rejected), or why it was voided. */
  by: string[];
  comment?: string;
  reason?: string;
}

export interface Approval {
  id: string;
  tenantId: string;
  document: PinnedDocument;
  /** The records the document was linked to when the approval started: their timelines hear of it. */
  links: RecordLink[];
  route: { id: string; version: number; name: string };
  /** The route version's stages, copied: the approval never reads the route again. */
  stages: Stage[];
  status: ApprovalStatus;
  currentStage: number;
  /** Task ids of every stage opened so far, by stage index. */
  stageTasks: string[][];
  stageOutcomes: Array<StageOutcome | null>;
  startedAt: string;
  startedBy: string;
  /** Executions run so far (a resume starts another); the name of the newest. */
  executions: number;
  executionName?: string;
  outcome?: Outcome;
}

export interface TaskDecisionRecord {
  decision: 'approved' | 'rejected';
  by: string;
  /** The key \`by\` decided with (absent on decisions recorded before keys were, and on a link's). */
  keyId?: string;
  /** The approval action link \`by\` decided through (the approver's page). */
  linkId?: string;
  /** Set when a delegate decided for the assignee, or a deadline for nobody. */
  onBehalfOf?: string;
  comment?: string;
  at: string;
}

export interface TaskEvent {
  type: 'created' | 'delegated' | 'escalated' | 'reminded' | 'decided' | 'closed';
  at: string;
  actor: Actor;
  details?: Record<string, unknown>;
}

export interface Task {
  id: string;
  tenantId: string;
  approvalId: string;
  documentId: string;
  stage: number;
  stageName: string;
  assignee: Approver;
  delegateTo?: string;
  status: TaskStatus;
  decision?: TaskDecisionRecord;
  createdAt: string;
  history: TaskEvent[];
}

export interface ApprovalEvent {
  id: string;
  at: string;
  type: string;
  actor: Actor;
  details?: Record<string, unknown>;
}

export const isOpen = (t: Task): boolean => t.status === 'open';
export const SYSTEM_ACTOR: Actor = systemActor('approvals');

export const approvalEvent = (
  type: string,
  at: string,
  actor: Actor,
  details?: Record<string, unknown>,
): ApprovalEvent => ({ id: newId('evt'), at, type, actor, ...(details && { details }) });

export const taskEvent = (
  type: TaskEvent['type'],
  at: string,
  actor: Actor,
  details?: Record<string, unknown>,
): TaskEvent => ({ type, at, actor, ...(details && { details }) });

/** The assignee (a user, or anyone holding the role or above, viewers included when named) or the active delegate. */
export const isAssignee = (caller: Pick<TenantCaller, 'userId' | 'role'>, task: Task): boolean =>
  'userId' in task.assignee ? task.assignee.userId === caller.userId : roleAtLeast(caller.role, task.assignee.role);

export const mayDecide = (caller: Pick<TenantCaller, 'userId' | 'role'>, task: Task): boolean =>
  isAssignee(caller, task) || task.delegateTo === caller.userId;

/** Who a decision is for when a delegate makes it: the assigned user, or the role. */
export function onBehalfOf(caller: Pick<TenantCaller, 'userId' | 'role'>, task: Task): string | undefined {
  if (isAssignee(caller, task)) return undefined;
  return 'userId' in task.assignee ? task.assignee.userId : `role:${task.assignee.role}`;
}
