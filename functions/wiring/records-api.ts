import type { RecordsApiDeps } from '#http/records/api-routes';
import { dynamoDocumentLists } from '#store/documents/document-lists';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import type { ConversionWorkflow } from '#core/conversion/ports';
import { conversionDeps } from '#wiring/conversion';
import { recordsDeps } from '#wiring/records';
import { requestDeps } from '#wiring/request';
import { dynamoEventsStore } from '#store/outbox/events-store';
import { webhooksDeps } from '#wiring/webhooks';
import { webhookDeliveryPort } from '#wiring/webhook-delivery';

// Loaded on first conversion: the SFN client would otherwise weigh on every records cold start.
const workflow: ConversionWorkflow = {
  run: async (run) => (await import('#store/conversion/workflow')).sfnConversionWorkflow.run(run),
};

export const recordsApiDeps = () =>
  ({
    records: recordsDeps,
    conversion: { ...conversionDeps, workflow },
    tenancy: dynamoTenancyStore,
    request: requestDeps,
    documentLists: dynamoDocumentLists,
    events: dynamoEventsStore,
    webhooks: webhooksDeps(),
    webhookDelivery: webhookDeliveryPort,
  }) satisfies RecordsApiDeps;
