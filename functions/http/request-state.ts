import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { MiddlewareObj, Request } from '@middy/core';
import type { Caller } from '#core/tenancy/caller';
import type { IdempotencyClaim } from '#http/idempotency';
import type { Route } from '#http/route';

/** What the middlewares learn about a request, in the order they learn it. */
export interface RequestState {
  requestId: string;
  headers: Record<string, string>;
  route?: Route;
  caller: Caller;
  idempotency?: IdempotencyClaim;
}

export type ApiContext = Context & { dossier: RequestState };
export type ApiRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>;
export type ApiMiddleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>;
