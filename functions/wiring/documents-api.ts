import type { ApiDeps } from '#http/deps';
import { s3Presigner } from '#store/presign';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { documentLists, documentsPorts } from '#wiring/documents';
import { reconcilePorts } from '#wiring/reconcile';
import { requestPorts } from '#wiring/request';
import { apiDeps } from '#wiring/unwired';

export const documentsApiDeps = (): ApiDeps =>
  apiDeps('documents-api', {
    documents: documentsPorts,
    documentLists,
    presigner: s3Presigner,
    reconcile: reconcilePorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  });
