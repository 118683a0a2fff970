import { systemClock } from '#core/clock';
import type { ApprovalsDeps } from '#core/approvals/ports';
import { dynamoActionLinks } from '#store/approvals/action-link-store';
import { dynamoApprovalsStore } from '#store/approvals/approvals-store';
import { dynamoApprovalRoutes } from '#store/approvals/routes-store';
import { dynamoUserDirectory } from '#store/approvals/users';
import { sfnApprovalWorkflow } from '#store/approvals/approval-workflow';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import { approvalNotify } from '#wiring/approval-notices';

// The approvals ports, shared by the approvals API, the workflow's task functions and the voider.
export const approvalsDeps: ApprovalsDeps = {
  notify: approvalNotify,
  routes: dynamoApprovalRoutes,
  approvals: dynamoApprovalsStore,
  documents: dynamoDocumentsStore,
  users: dynamoUserDirectory,
  workflow: sfnApprovalWorkflow,
  actionLinks: dynamoActionLinks,
  clock: systemClock,
};
