import type { Clock } from '#core/clock';
import type { ActionLink } from '#core/approvals/action-links';
import type { DocumentsStore } from '#core/documents/ports';
import type { Document } from '#core/documents/document';
import type { Approval, ApprovalEvent, Outcome, Task, TaskEvent, TaskStatus } from '#core/approvals/approval';
import type { ApprovalRoute, RouteVersion } from '#core/approvals/route';
import type { Page, PageRequest } from '#core/paging';

// What approvals need from storage, the users directory and the workflow engine. Store writes that
// change an approval's state are conditional (on its status, or a task's), so concurrent decisions,
// deadlines and voids never both win.

/** Which of the tenant's tasks a dashboard lists: `assignee` is an approver key (`user:<id>`, `role:<role>`). */
export interface TaskFilter {
  status: 'open' | 'closed' | 'all';
  assignee?: string;
  documentId?: string;
}

export interface ApprovalRoutesStore {
  create(route: ApprovalRoute): Promise<void>;
  /** false when another publish got there first (`current.version` moved on). */
  publish(route: ApprovalRoute, next: RouteVersion): Promise<boolean>;
  get(tenantId: string, id: string): Promise<ApprovalRoute | undefined>;
  list(tenantId: string): Promise<ApprovalRoute[]>;
  /** Oldest first. */
  versions(tenantId: string, id: string): Promise<RouteVersion[]>;
}

/** Users of the tenant (the users feature writes them): which of these ids are not users. */
export interface UserDirectory {
  missing(tenantId: string, ids: string[]): Promise<string[]>;
}

/** The document change that goes with an approval change, in the same transaction. */
export interface DocumentChange {
  next: Document;
  expectedVersion: number;
  timelineType: string;
  details: Record<string, unknown>;
}

export interface ApprovalsStore {
  /** 'document-changed': its version moved or it went into approval meanwhile. */
  start(approval: Approval, document: DocumentChange, event: ApprovalEvent): Promise<'started' | 'document-changed'>;
  get(tenantId: string, id: string): Promise<Approval | undefined>;
  listForDocument(tenantId: string, documentId: string): Promise<Approval[]>;
  recordExecution(approval: Approval, name: string, event: ApprovalEvent): Promise<void>;
  /** Creates the stage's tasks unless the stage is already open; answers the stage's tasks either way. */
  openStage(approval: Approval, stage: number, tasks: Task[], event: ApprovalEvent): Promise<Task[]>;
  getTask(tenantId: string, id: string): Promise<Task | undefined>;
  /** Strongly consistent. */
  getTasks(tenantId: string, ids: string[]): Promise<Task[]>;
  /** Keeps the token on an open task; answers the task as it is when that fails (already closed). */
  storeToken(task: Task, token: string): Promise<{ stored: boolean; task: Task }>;
  /** Closes an open task (decided, not required, voided); answers the token it waited on, or false if it was not open. */
  closeTask(
    task: Task,
    status: Exclude<TaskStatus, 'open'>,
    event: TaskEvent,
    decision?: Task['decision'],
    timeline?: { approval: Approval; type: string; details: Record<string, unknown> },
  ): Promise<{ closed: false } | { closed: true; token?: string }>;
  /** Appends to an open task's history, optionally setting its delegate or assignee; false if it is closed. */
  updateOpenTask(
    task: Task,
    change: Partial<Pick<Task, 'delegateTo' | 'assignee'>>,
    event: TaskEvent,
  ): Promise<boolean>;
  /** Open tasks for any of these assignee keys (`user:<id>`, `role:<role>`) or delegated to the user. */
  openTasksFor(tenantId: string, assigneeKeys: string[], delegate: string): Promise<Task[]>;
  /** The tenant's tasks, by state, optionally of one assignee key and/or one document; one page. */
  listTasks(tenantId: string, filter: TaskFilter, page: PageRequest): Promise<Page<Task>>;
  closeStage(approval: Approval, stage: number, outcome: 'approved' | 'rejected', event: ApprovalEvent): Promise<void>;
  /** Ends a running approval (and changes its document in the same transaction). */
  finish(
    approval: Approval,
    outcome: Outcome,
    document: DocumentChange | undefined,
    event: ApprovalEvent,
  ): Promise<'ended' | 'not-running' | 'document-changed'>;
  addEvent(approval: Approval, event: ApprovalEvent): Promise<void>;
  events(tenantId: string, approvalId: string): Promise<ApprovalEvent[]>;
}

export interface WorkflowEngine {
  /** Starts the approval workflow; the name makes a retried start the same execution. */
  start(name: string, input: Record<string, unknown>): Promise<void>;
  /** Whether the named execution is still running (false when the engine no longer knows it). */
  isRunning(name: string): Promise<boolean>;
  /** Resumes a waiting task; false when the token is no longer waited on (execution gone or closed). */
  resume(token: string, output: Record<string, unknown>): Promise<boolean>;
  stop(name: string, cause: string): Promise<void>;
}

/** Approval action links (core/approvals/action-links.ts): the buttons in task notices. */
export interface ActionLinksStore {
  /** Keeps a new link and the hash of its token (never the token). */
  save(link: ActionLink, hash: string): Promise<void>;
  /** Revokes the task's live links; answers how many it revoked. */
  revokeForTask(tenantId: string, taskId: string, at: string): Promise<number>;
}

/**
 * Tells an approver of a task by email (functions/core/sending/approval-notices.ts); never throws.
 * 'delegated' goes to the task's delegate (`task` as delegated, its history ending with the delegation).
 */
export type TaskNotify = (
  kind: 'assigned' | 'reminded' | 'escalated' | 'delegated',
  task: Task,
  approval: Approval,
) => Promise<void>;

export interface ApprovalsDeps {
  /** Absent where nothing is announced (tests of the workflow's logic); the API and the pages announce delegations. */
  notify?: TaskNotify;
  routes: ApprovalRoutesStore;
  approvals: ApprovalsStore;
  documents: DocumentsStore;
  users: UserDirectory;
  workflow: WorkflowEngine;
  actionLinks: ActionLinksStore;
  clock: Clock;
}
