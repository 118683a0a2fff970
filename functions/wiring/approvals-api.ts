import type { ApiDeps } from '#http/deps';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { approvalsPorts } from '#wiring/approvals';
import { requestPorts } from '#wiring/request';
import { unwired } from '#wiring/unwired';

export const approvalsApiDeps = (): ApiDeps => ({
  approvals: approvalsPorts,
  tenancy: dynamoTenancyStore,
  request: requestPorts,
  documents: unwired('documents', 'approvals-api'),
  documentLists: unwired('documentLists', 'approvals-api'),
  presigner: unwired('presigner', 'approvals-api'),
  reconcile: unwired('reconcile', 'approvals-api'),
  records: unwired('records', 'approvals-api'),
  health: unwired('health', 'approvals-api'),
  workflows: unwired('workflows', 'approvals-api'),
  apiDocument: unwired('apiDocument', 'approvals-api'),
});
