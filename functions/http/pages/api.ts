import { apiHandler } from '#http/api-handler';
import { pagesRoutes } from '#http/pages/api-routes';
import { pagesApiDeps } from '#wiring/pages-api';

export const handler = apiHandler(pagesRoutes, pagesApiDeps());
