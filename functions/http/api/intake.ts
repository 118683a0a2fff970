import { apiHandler } from '#http/api-handler';
import { intakeApiRoutes } from '#http/api/intake-routes';
import { intakeApiDeps } from '#wiring/intake-api';

export const handler = apiHandler(intakeApiRoutes, intakeApiDeps());
