import { finishApproval } from '#core/approvals/end-approval';
import { approvalsPorts } from '#wiring/approvals';

/** Approval workflow: ends the approval (approved or rejected) and updates the document. Input v1: {tenantId, approvalId}. */
export const handler = (input: { tenantId: string; approvalId: string }) => finishApproval(approvalsPorts, input);
