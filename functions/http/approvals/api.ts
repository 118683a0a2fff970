import { apiHandler } from '#http/api-handler';
import { approvalsApiRoutes } from '#http/approvals/api-routes';
import { approvalsApiDeps } from '#wiring/approvals-api';

export const handler = apiHandler(approvalsApiRoutes, approvalsApiDeps());
