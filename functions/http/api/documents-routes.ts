import type { LambdaDeps } from '#http/route';
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
/** The ports the documents-api Lambda is wired with: its routes' and the middy stack's. */
export type DocumentsApiDeps = LambdaDeps<typeof documentsApiRoutes>;
export default documentsApiRoutes;
