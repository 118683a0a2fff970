import { apiHandler } from '#http/api-handler';
import { templatesApiRoutes } from '#http/templates/api-routes';
import { templatesApiDeps } from '#wiring/templates-api';

export const handler = apiHandler(templatesApiRoutes, templatesApiDeps());
