import type { ApprovalsDeps } from '#core/approvals/ports';
import { dynamoApprovalsStore } from '#store/approvals/approvals-store';
import { dynamoApprovalRoutes } from '#store/approvals/routes-store';
import { dynamoUserDirectory } from '#store/approvals/users';
import { sfnApprovalWorkflow } from '#store/approval-workflow';
import { dynamoDocumentsStore } from '#store/documents-store';

// The approvals ports, shared by the approvals API, the workflow's task functions and the voider.
export const approvalsPorts: ApprovalsDeps = {
  routes: dynamoApprovalRoutes,
  approvals: dynamoApprovalsStore,
  documents: dynamoDocumentsStore,
  users: dynamoUserDirectory,
  workflow: sfnApprovalWorkflow,
  clock: { now: () => new Date() },
};
