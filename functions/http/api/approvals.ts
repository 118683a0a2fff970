import { apiHandler } from '#http/api-handler';
import { approvalsApiRoutes } from '#http/api/approvals-routes';
import { approvalsApiDeps } from '#wiring/approvals-api';

export const handler = apiHandler(approvalsApiRoutes, approvalsApiDeps());
