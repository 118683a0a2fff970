import type { LambdaDeps } from '#http/route';
import { adminReindexRoutes } from '#http/quota/admin-reindex';
import { adminUsageRoutes } from '#http/quota/admin-usage';
import { documentRelationRoutes } from '#http/documents/document-relations';
import { documentVersionRoutes } from '#http/documents/document-versions';
import { documentRoutes } from '#http/documents/documents';
import { recordDocumentRoutes } from '#http/documents/record-documents';
import { shareLinkRoutes } from '#http/documents/share-links';
import { sharedRoutes } from '#http/documents/shared';
import { uploadRoutes } from '#http/documents/uploads';
import { usageRoutes } from '#http/quota/usage';

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
