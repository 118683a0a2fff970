import { apiHandler } from '#http/api-handler';
import { intakeApiRoutes } from '#http/intake/api-routes';
import { intakeApiDeps } from '#wiring/intake-api';

export const handler = apiHandler(intakeApiRoutes, intakeApiDeps());
