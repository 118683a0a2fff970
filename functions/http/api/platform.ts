import { apiHandler } from '#http/api-handler';
import { approvalsApiRoutes } from '#http/api/approvals-routes';
import { documentsApiRoutes } from '#http/api/documents-routes';
import { intakeApiRoutes } from '#http/api/intake-routes';
import { platformApiRoutes } from '#http/api/platform-routes';
import { recordsApiRoutes } from '#http/api/records-routes';
import { sendingApiRoutes } from '#http/api/sending-routes';
import { templatesApiRoutes } from '#http/api/templates-routes';
import { apiDocument } from '#http/openapi';
import { platformApiDeps } from '#wiring/platform-api';

// The platform Lambda serves the OpenAPI document of the whole API, so it is handed every
// capability's routes here rather than importing a route table (which would import it back).
export const documented = () => [
  ...platformApiRoutes,
  ...recordsApiRoutes,
  ...documentsApiRoutes,
  ...sendingApiRoutes,
  ...templatesApiRoutes,
  ...approvalsApiRoutes,
  ...intakeApiRoutes,
];

export const handler = apiHandler(platformApiRoutes, { ...platformApiDeps(), apiDocument: apiDocument(documented) });
