import { deadlineReached } from '#core/approvals/workflow-steps';
import { approvalsPorts } from '#wiring/approvals';

/** Approval workflow: a task's deadline passed (its token timed out). Input v1: {tenantId, approvalId, taskId}. */
export const handler = (input: { tenantId: string; approvalId: string; taskId: string }) =>
  deadlineReached(approvalsPorts, input);
