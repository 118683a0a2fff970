import { openStage } from '#core/approvals/workflow-steps';
import { approvalsPorts } from '#wiring/approvals';

/** Approval workflow: opens a stage's tasks (once) or says no stage is left. Input v1: {tenantId, approvalId, stage}. */
export const handler = (input: { tenantId: string; approvalId: string; stage: number }) =>
  openStage(approvalsPorts, input);
