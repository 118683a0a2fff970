import type { DocumentsApiDeps } from '#http/api/documents-routes';
import { s3Presigner } from '#store/presign';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { documentLists, documentsPorts } from '#wiring/documents';
import { reconcilePorts } from '#wiring/reconcile';
import { requestPorts } from '#wiring/request';

export const documentsApiDeps = () =>
  ({
    documents: documentsPorts,
    documentLists,
    presigner: s3Presigner,
    reconcile: reconcilePorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  }) satisfies DocumentsApiDeps;
