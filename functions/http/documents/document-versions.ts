import { listVersions } from '#core/documents/read-documents';
import { ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { VersionList } from '#http/documents/schemas';

export const documentVersionRoutes = [
  route({
    method: 'GET',
    path: '/v1/documents/{id}/versions',
    operationId: 'listDocumentVersions',
    summary: "A document's versions, newest first",
    tag: 'Documents',
    auth: 'tenant',
    ports: ['documents'],
    description:
      'Upload a new version with `POST /v1/uploads` and `documentId`. Every version counts against the quota; download one with `?version=` on the download route.',
    params: idParam('doc'),
    success: { status: 200, schema: VersionList, description: 'Every version' },
    handler: async ({ params }, { caller, deps }) =>
      ok({ items: await listVersions(deps.documents, caller, params.id) }),
  }),
];
