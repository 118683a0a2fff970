import type { ApiDeps } from '#http/deps';
import { dynamoIntakeStore } from '#store/intake-store';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { recordsPorts } from '#wiring/records';
import { requestPorts } from '#wiring/request';
import { unwired } from '#wiring/unwired';

export const intakeApiDeps = (): ApiDeps => ({
  intake: dynamoIntakeStore,
  records: recordsPorts,
  tenancy: dynamoTenancyStore,
  request: requestPorts,
  health: unwired('health', 'intake-api'),
  workflows: unwired('workflows', 'intake-api'),
  documents: unwired('documents', 'intake-api'),
  documentLists: unwired('documentLists', 'intake-api'),
  presigner: unwired('presigner', 'intake-api'),
  usageFacts: unwired('usageFacts', 'intake-api'),
  apiDocument: unwired('apiDocument', 'intake-api'),
});
