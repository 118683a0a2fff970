import { apiHandler } from '#http/api-handler';
import { documentsApiRoutes } from '#http/documents/api-routes';
import { documentsApiDeps } from '#wiring/documents-api';

export const handler = apiHandler(documentsApiRoutes, documentsApiDeps());
