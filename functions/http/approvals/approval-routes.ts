import { createRoute, getRoute, publishRoute, routeVersions } from '#core/approvals/manage-routes';
import { RouteIn } from '#core/approvals/route-input';
import { created, ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { RouteList, RouteOut, RouteVersionList } from '#http/approvals/schemas';
import { presentRoute } from '#core/approvals/present';

const tag = 'Approval routes';
const example = {
  name: 'Contracts over 10k',
  stages: [
    { name: 'Legal', mode: 'all', approvers: [{ role: 'admin' }], deadline: 'P2D', onDeadline: 'remind' },
    { name: 'Finance', mode: { atLeast: 1 }, approvers: [{ role: 'owner' }] },
  ],
};
const lint =
  'Linted on publish: every stage needs approvers, `atLeast` at most the number of approvers, deadlines are ISO 8601 durations in weeks, days, hours, minutes or seconds (`P2D`, `PT4H`) with an `onDeadline`, `escalate` names an `escalateTo` user, and every named user exists. A 400 lists every problem.';

export const approvalRouteRoutes = [
  route({
    method: 'POST',
    path: '/v1/approval-routes',
    operationId: 'createApprovalRoute',
    summary: 'Create an approval route (version 1)',
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    role: 'admin',
    description: lint,
    body: RouteIn,
    example,
    success: { status: 201, schema: RouteOut, description: 'The route with its first version' },
    handler: async ({ body }, { caller, deps }) =>
      created(presentRoute(await createRoute(deps.approvals, caller, body))),
  }),
  route({
    method: 'GET',
    path: '/v1/approval-routes',
    operationId: 'listApprovalRoutes',
    summary: "The tenant's approval routes, newest first (up to 100)",
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    success: { status: 200, schema: RouteList, description: 'The routes with their current versions' },
    handler: async (_input, { caller, deps }) =>
      ok({ items: (await deps.approvals.routes.list(caller.tenantId)).map(presentRoute) }),
  }),
  route({
    method: 'GET',
    path: '/v1/approval-routes/{id}',
    operationId: 'getApprovalRoute',
    summary: 'An approval route and its current version',
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    params: idParam('apr'),
    success: { status: 200, schema: RouteOut, description: 'The route' },
    handler: async ({ params }, { caller, deps }) =>
      ok(presentRoute(await getRoute(deps.approvals, caller, params.id))),
  }),
  route({
    method: 'PUT',
    path: '/v1/approval-routes/{id}',
    operationId: 'publishApprovalRoute',
    summary: 'Publish a new immutable version of a route',
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    role: 'admin',
    description: `New approvals pin the new version at once; running approvals keep the version they started with. ${lint}`,
    params: idParam('apr'),
    body: RouteIn,
    example,
    errors: [409],
    success: { status: 200, schema: RouteOut, description: 'The route with its new current version' },
    handler: async ({ params, body }, { caller, deps }) =>
      ok(presentRoute(await publishRoute(deps.approvals, caller, params.id, body))),
  }),
  route({
    method: 'GET',
    path: '/v1/approval-routes/{id}/versions',
    operationId: 'listApprovalRouteVersions',
    summary: 'Every version of a route, newest first',
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    params: idParam('apr'),
    success: { status: 200, schema: RouteVersionList, description: 'The versions' },
    handler: async ({ params }, { caller, deps }) =>
      ok({ items: await routeVersions(deps.approvals, caller, params.id) }),
  }),
];
