import type { RecordsApiDeps } from '#http/api/records-routes';
import { dynamoDocumentLists } from '#store/document-lists';
import { dynamoTenancyStore } from '#store/tenancy-store';
import type { ConversionWorkflow } from '#core/conversion/ports';
import { conversionPorts } from '#wiring/conversion';
import { recordsPorts } from '#wiring/records';
import { requestPorts } from '#wiring/request';

// Loaded on first conversion: the SFN client would otherwise weigh on every records cold start.
const workflow: ConversionWorkflow = {
  run: async (run) => (await import('#store/conversion/workflow')).sfnConversionWorkflow.run(run),
};

export const recordsApiDeps = () =>
  ({
    records: recordsPorts,
    conversion: { ...conversionPorts, workflow },
    tenancy: dynamoTenancyStore,
    request: requestPorts,
    documentLists: dynamoDocumentLists,
  }) satisfies RecordsApiDeps;
