import { apiHandler } from '#http/api-handler';
import { recordsApiRoutes } from '#http/records/api-routes';
import { recordsApiDeps } from '#wiring/records-api';

export const handler = apiHandler(recordsApiRoutes, recordsApiDeps());
