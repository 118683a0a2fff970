import * as z from 'zod';
import { APPROVAL_STATUSES, TASK_STATUSES } from '#core/approvals/approval';
import { DEADLINE_ACTIONS } from '#core/approvals/route';
import { ENTITIES } from '#core/records/entities';
import { ROLES } from '#core/tenancy/caller';
import { pageOf, Timestamp } from '#http/schemas/common';
import { ActorSchema } from '#http/schemas/actor';

// What the approvals routes return. Closed objects: a property the document does not name fails
// the contract test. Task tokens appear nowhere.

const ApproverOut = z
  .union([z.object({ userId: z.string() }), z.object({ role: z.enum(ROLES) })])
  .meta({ id: 'Approver', description: 'One user, or one shared task anyone holding the role (or above) may decide.' });
const ModeOut = z
  .union([z.enum(['all', 'any']), z.object({ atLeast: z.number().int() })])
  .meta({ id: 'StageMode', description: 'all: every approver; any: one; atLeast: n approvals.' });
const StageOut = z
  .object({
    name: z.string(),
    mode: ModeOut,
    approvers: z.array(ApproverOut),
    deadline: z.string().optional().describe('ISO 8601 duration.'),
    onDeadline: z.enum(DEADLINE_ACTIONS).optional(),
    escalateTo: z.string().optional(),
  })
  .meta({ id: 'ApprovalStage' });
const AppliesToOut = z.object({ contentTypes: z.array(z.string()).optional(), tags: z.array(z.string()).optional() });

export const RouteVersionOut = z
  .object({
    routeId: z.string(),
    version: z.number().int(),
    name: z.string(),
    appliesTo: AppliesToOut.optional(),
    stages: z.array(StageOut),
    publishedAt: Timestamp,
    publishedBy: z.string(),
  })
  .meta({ id: 'ApprovalRouteVersion' });

export const RouteOut = z
  .object({ id: z.string(), createdAt: Timestamp, current: RouteVersionOut })
  .meta({ id: 'ApprovalRoute', description: 'A route and its current version (the one new approvals pin).' });
export const RouteList = z.object({ items: z.array(RouteOut) }).meta({ id: 'ApprovalRouteList' });
export const RouteVersionList = z
  .object({ items: z.array(RouteVersionOut).describe('Newest first.') })
  .meta({ id: 'ApprovalRouteVersionList' });

const OutcomeOut = z
  .object({
    status: z.enum(['approved', 'rejected', 'voided']),
    at: Timestamp,
    by: z.array(z.string()),
    comment: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'ApprovalOutcome' });

export const ApprovalOut = z
  .object({
    id: z.string(),
    status: z.enum(APPROVAL_STATUSES),
    document: z.object({ id: z.string(), name: z.string(), version: z.number().int(), sha256: z.string() }),
    links: z.array(z.object({ entity: z.enum(ENTITIES), id: z.string() })),
    route: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
    stages: z.array(StageOut),
    currentStage: z.number().int(),
    stageOutcomes: z.array(z.enum(['approved', 'rejected']).nullable()),
    startedAt: Timestamp,
    startedBy: z.string(),
    executions: z.number().int().describe('Workflow executions so far (a resume starts another).'),
    outcome: OutcomeOut.optional(),
  })
  .meta({ id: 'Approval' });
export const ApprovalList = z.object({ items: z.array(ApprovalOut) }).meta({ id: 'ApprovalList' });

export const DecisionOut = z.object({
  decision: z.enum(['approved', 'rejected']),
  by: z.string(),
  keyId: z
    .string()
    .optional()
    .describe(
      'The API key `by` decided with (absent on decisions recorded before keys were, and on decisions made through a link).',
    ),
  linkId: z
    .string()
    .optional()
    .describe("The approval action link (`alk_…`) `by` decided through from the approver's page."),
  onBehalfOf: z.string().optional().describe('Set when a delegate decided for the assignee.'),
  comment: z.string().optional(),
  at: Timestamp,
});
const TaskEventOut = z.object({
  type: z.string(),
  at: Timestamp,
  actor: ActorSchema,
  details: z.record(z.string(), z.unknown()).optional(),
});

export const TaskOut = z
  .object({
    id: z.string(),
    approvalId: z.string(),
    documentId: z.string(),
    stage: z.string().describe('The stage name.'),
    stageIndex: z.number().int(),
    assigneeId: z.string().nullable().describe('The assigned user; null for a role task.'),
    assigneeRole: z.enum(ROLES).nullable().describe('The role of a shared task; null for a user task.'),
    delegateTo: z.string().nullable(),
    status: z.enum(TASK_STATUSES),
    decision: DecisionOut.optional(),
    createdAt: Timestamp,
    history: z.array(TaskEventOut),
  })
  .meta({ id: 'ApprovalTask' });
export const TaskList = pageOf(TaskOut, 'ApprovalTaskList');

export const AuditOut = z
  .object({
    approval: ApprovalOut,
    tasks: z.array(TaskOut),
    trail: z
      .array(TaskEventOut.extend({ id: z.string().optional(), taskId: z.string().optional() }))
      .describe('Every event in order: start, stages, tasks, delegations, decisions, deadlines, outcome.'),
  })
  .meta({ id: 'ApprovalAudit' });
