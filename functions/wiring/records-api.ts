import type { ApiDeps } from '#http/deps';
import { dynamoDocumentLists } from '#store/document-lists';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { recordsPorts } from '#wiring/records';
import { requestPorts } from '#wiring/request';
import { unwired } from '#wiring/unwired';

export const recordsApiDeps = (): ApiDeps => ({
  records: recordsPorts,
  tenancy: dynamoTenancyStore,
  request: requestPorts,
  health: unwired('health', 'records-api'),
  workflows: unwired('workflows', 'records-api'),
  apiDocument: unwired('apiDocument', 'records-api'),
  approvals: unwired('approvals', 'records-api'),
  documents: unwired('documents', 'records-api'),
  documentLists: dynamoDocumentLists,
  presigner: unwired('presigner', 'records-api'),
  reconcile: unwired('reconcile', 'records-api'),
});
