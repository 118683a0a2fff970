import type { ApiDeps } from '#http/deps';
import { dynamoTenancyStore } from '#store/tenancy-store';
import type { ConversionWorkflow } from '#core/conversion/ports';
import { conversionPorts } from '#wiring/conversion';
import { recordsPorts } from '#wiring/records';
import { requestPorts } from '#wiring/request';
import { unwired } from '#wiring/unwired';

// Loaded on first conversion: the SFN client would otherwise weigh on every records cold start.
const workflow: ConversionWorkflow = {
  run: async (run) => (await import('#store/conversion/workflow')).sfnConversionWorkflow.run(run),
};

export const recordsApiDeps = (): ApiDeps => ({
  records: recordsPorts,
  conversion: { ...conversionPorts, workflow },
  tenancy: dynamoTenancyStore,
  request: requestPorts,
  health: unwired('health', 'records-api'),
  workflows: unwired('workflows', 'records-api'),
  apiDocument: unwired('apiDocument', 'records-api'),
  documents: unwired('documents', 'records-api'),
  documentLists: unwired('documentLists', 'records-api'),
  presigner: unwired('presigner', 'records-api'),
  usageFacts: unwired('usageFacts', 'records-api'),
});
