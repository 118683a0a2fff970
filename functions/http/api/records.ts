import { apiHandler } from '#http/api-handler';
import { recordsApiRoutes } from '#http/api/records-routes';
import { recordsApiDeps } from '#wiring/records-api';

export const handler = apiHandler(recordsApiRoutes, recordsApiDeps());
