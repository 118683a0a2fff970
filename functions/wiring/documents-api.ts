import type { ApiDeps } from '#http/deps';
import { s3Presigner } from '#store/presign';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { documentLists, documentsPorts, usageFacts } from '#wiring/documents';
import { requestPorts } from '#wiring/request';
import { unwired } from '#wiring/unwired';

export const documentsApiDeps = (): ApiDeps => ({
  documents: documentsPorts,
  documentLists,
  presigner: s3Presigner,
  usageFacts,
  tenancy: dynamoTenancyStore,
  request: requestPorts,
  records: unwired('records', 'documents-api'),
  health: unwired('health', 'documents-api'),
  workflows: unwired('workflows', 'documents-api'),
  intake: unwired('intake', 'documents-api'),
  apiDocument: unwired('apiDocument', 'documents-api'),
});
