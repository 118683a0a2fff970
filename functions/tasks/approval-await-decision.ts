import { awaitDecision } from '#core/approvals/workflow-steps';
import { approvalsPorts } from '#wiring/approvals';

/** Approval workflow, `.waitForTaskToken`: keeps the token with the task. Input v1: {tenantId, approvalId, taskId, token}. */
export const handler = (input: { tenantId: string; approvalId: string; taskId: string; token: string }) =>
  awaitDecision(approvalsPorts, input);
