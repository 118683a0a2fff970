import * as z from 'zod';
import { TASK_STATUSES } from '#core/approvals/approval';
import { ApprovalOut, DecisionOut } from '#http/approvals/schemas';
import { envelope } from '#http/records/event-envelope';

// The approval events' schemas in GET /v1/events (core/approvals/events.ts writes them). Listed to
// admins and owners, and to others while they may read the approval's document, as GET
// /v1/approvals/{id} is.

const ApprovalStartedEvent = z
  .object({
    ...envelope,
    type: z.literal('approval.started'),
    data: ApprovalOut.describe('The approval as it started, as GET /v1/approvals/{id} shows it.'),
  })
  .meta({ id: 'ApprovalStartedEvent', description: 'An approval started on a document version.' });

const ApprovalDecidedEvent = z
  .object({
    ...envelope,
    type: z.literal('approval.decided'),
    data: z
      .object({
        taskId: z.string(),
        approvalId: z.string(),
        documentId: z.string(),
        stage: z.string().describe('The stage name.'),
        stageIndex: z.number().int(),
        status: z.enum(TASK_STATUSES).describe("The task's status the decision gave it."),
        decision: DecisionOut.describe('The decision and who made it (`by`; a deadline decides for nobody).'),
      })
      .describe('The decided task, as GET /v1/tasks/{id} shows its decision.'),
  })
  .meta({
    id: 'ApprovalDecidedEvent',
    description:
      "One decision on an approval's task: an approver's (or a delegate's), or a deadline's. Ordered per task (`data.taskId`).",
  });

const ApprovalCompletedEvent = z
  .object({
    ...envelope,
    type: z.literal('approval.completed'),
    data: ApprovalOut.describe(
      'The approval as it ended: `status` `approved`, `rejected` or `voided`, with its `outcome`.',
    ),
  })
  .meta({ id: 'ApprovalCompletedEvent', description: 'An approval ended: approved, rejected or voided.' });

export const APPROVAL_EVENT_SCHEMAS = [ApprovalStartedEvent, ApprovalDecidedEvent, ApprovalCompletedEvent] as const;
