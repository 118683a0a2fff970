import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { invokeRoute } from '#http/invoke-route';
import { authenticate } from '#http/middleware/authenticate';
import { idempotent } from '#http/middleware/idempotent';
import { requestContext } from '#http/middleware/request-context';
import { resolveRoute } from '#http/middleware/resolve-route';
import type { ApiDeps } from '#http/deps';
import type { ApiContext } from '#http/request-state';
import type { Port, Route, StackPort } from '#http/route';

/** One Lambda per capability: the middy stack in front of that capability's routes, given the ports they use. */
export function apiHandler<D extends Port>(routes: Route<D>[], deps: Pick<ApiDeps, D | StackPort>) {
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>()
    .use(requestContext(deps.request.outageRetryAfter))
    .use(resolveRoute(routes))
    .use(authenticate(deps.tenancy, deps.request.prefetch))
    .use(idempotent(deps.request.idempotency))
    .handler((event, context) => invokeRoute(event, context.dossier, deps, routes));
  return (event: APIGatewayProxyEventV2, context: Context) =>
    deps.request.prefetchScope(() => handler(event, context as ApiContext));
}
