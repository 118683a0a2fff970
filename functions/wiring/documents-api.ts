import type { DocumentsApiDeps } from '#http/documents/api-routes';
import { s3Presigner } from '#store/aws/presign';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { documentLists, documentsDeps } from '#wiring/documents';
import { reconcileDeps } from '#wiring/reconcile';
import { requestDeps } from '#wiring/request';

export const documentsApiDeps = () =>
  ({
    documents: documentsDeps,
    documentLists,
    presigner: s3Presigner,
    reconcile: reconcileDeps,
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies DocumentsApiDeps;
