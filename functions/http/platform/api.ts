import { apiHandler } from '#http/api-handler';
import { platformApiRoutes } from '#http/platform/api-routes';
import { platformApiDeps } from '#wiring/platform-api';

// GET /v1/openapi.json serves the document prebuilt from every route at bundling time
// (infra/catalog.ts), so this entry imports no other capability's routes.
export const handler = apiHandler(platformApiRoutes, platformApiDeps());
