import { closeStage } from '#core/approvals/workflow-steps';
import { approvalsPorts } from '#wiring/approvals';

/** Approval workflow: every task of the stage is closed; records its outcome. Input v1: {tenantId, approvalId, stage}. */
export const handler = (input: { tenantId: string; approvalId: string; stage: number }) =>
  closeStage(approvalsPorts, input);
