import { apiHandler } from '#http/api-handler';
import { searchApiRoutes } from '#http/search/api-routes';
import { searchApiDeps } from '#wiring/search-api';

export const handler = apiHandler(searchApiRoutes, searchApiDeps());
