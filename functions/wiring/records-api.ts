import type { ApiDeps } from '#http/deps';
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
  intake: unwired('intake', 'records-api'),
  apiDocument: unwired('apiDocument', 'records-api'),
  documents: unwired('documents', 'records-api'),
  documentLists: unwired('documentLists', 'records-api'),
  presigner: unwired('presigner', 'records-api'),
  usageFacts: unwired('usageFacts', 'records-api'),
});
