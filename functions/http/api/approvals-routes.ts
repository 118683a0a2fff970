import { approvalRouteRoutes } from '#http/routes/approval-routes';
import { approvalTaskRoutes } from '#http/routes/approval-tasks';
import { approvalRoutes } from '#http/routes/approvals';

/** What the approvals-api Lambda serves (infra/catalog.ts names this module). */
export const approvalsApiRoutes = [...approvalRouteRoutes, ...approvalRoutes, ...approvalTaskRoutes];
export default approvalsApiRoutes;
