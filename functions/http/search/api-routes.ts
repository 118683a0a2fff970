import type { LambdaDeps } from '#http/route';
import { searchRoutes } from '#http/search/search';

/** What the search-api Lambda serves (infra/catalog.ts names this module). */
export const searchApiRoutes = [...searchRoutes];
/** The ports the search-api Lambda is wired with: its routes' and the middy stack's. */
export type SearchApiDeps = LambdaDeps<typeof searchApiRoutes>;
export default searchApiRoutes;
