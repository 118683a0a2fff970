import type { LambdaDeps } from '#http/route';
import { approverRoutes } from '#http/pages/approver';
import { assetRoutes } from '#http/pages/assets';
import { clientRoutes } from '#http/pages/client';

/** What the pages Lambda serves (infra/catalog.ts names this module): HTML for people holding a link. */
export const pagesRoutes = [...approverRoutes, ...clientRoutes, ...assetRoutes];
/** The ports the pages Lambda is wired with: its routes' and the middy stack's. */
export type PagesApiDeps = LambdaDeps<typeof pagesRoutes>;
export default pagesRoutes;
