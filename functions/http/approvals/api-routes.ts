import type { LambdaDeps } from '#http/route';
import { approvalRouteRoutes } from '#http/approvals/approval-routes';
import { approvalTaskRoutes } from '#http/approvals/approval-tasks';
import { approvalRoutes } from '#http/approvals/approvals';

/** What the approvals-api Lambda serves (infra/catalog.ts names this module). */
export const approvalsApiRoutes = [...approvalRouteRoutes, ...approvalRoutes, ...approvalTaskRoutes];
/** The ports the approvals-api Lambda is wired with: its routes' and the middy stack's. */
export type ApprovalsApiDeps = LambdaDeps<typeof approvalsApiRoutes>;
export default approvalsApiRoutes;
