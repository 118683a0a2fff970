import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { invokeRoute } from '#http/invoke-route';
import { authenticate } from '#http/middleware/authenticate';
import { idempotent } from '#http/middleware/idempotent';
import { requestContext } from '#http/middleware/request-context';
import { resolveRoute } from '#http/middleware/resolve-route';
import type { ApiContext } from '#http/pipeline-state';
import type { Route } from '#http/route';

/** One Lambda per capability: the middy stack in front of that capability's routes. */
export function apiHandler(routes: Route[]) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>()
    .use(requestContext())
    .use(resolveRoute(routes))
    .use(authenticate())
    .use(idempotent())
    .handler((event, context) => invokeRoute(event, context.dossier));
}
