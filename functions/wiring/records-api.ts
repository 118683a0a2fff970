import type { ApiDeps } from '#http/deps';
import { dynamoDocumentLists } from '#store/document-lists';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { recordsPorts } from '#wiring/records';
import { requestPorts } from '#wiring/request';
import { apiDeps } from '#wiring/unwired';

export const recordsApiDeps = (): ApiDeps =>
  apiDeps('records-api', {
    records: recordsPorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
    documentLists: dynamoDocumentLists,
  });
