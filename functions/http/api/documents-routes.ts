import { adminReindexRoutes } from '#http/routes/admin-reindex';
import { adminUsageRoutes } from '#http/routes/admin-usage';
import { documentRelationRoutes } from '#http/routes/document-relations';
import { documentVersionRoutes } from '#http/routes/document-versions';
import { documentRoutes } from '#http/routes/documents';
import { recordDocumentRoutes } from '#http/routes/record-documents';
import { shareLinkRoutes } from '#http/routes/share-links';
import { sharedRoutes } from '#http/routes/shared';
import { uploadRoutes } from '#http/routes/uploads';
import { usageRoutes } from '#http/routes/usage';

/** What the documents-api Lambda serves (infra/catalog.ts names this module). */
export const documentsApiRoutes = [
  ...uploadRoutes,
  ...documentRoutes,
  ...documentVersionRoutes,
  ...documentRelationRoutes,
  ...shareLinkRoutes,
  ...sharedRoutes,
  ...recordDocumentRoutes,
  ...usageRoutes,
  ...adminUsageRoutes,
  ...adminReindexRoutes,
];
export default documentsApiRoutes;
