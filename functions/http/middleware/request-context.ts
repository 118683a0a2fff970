import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import { logger } from '#http/logger';
import type { ApiContext, ApiRequest } from '#http/pipeline-state';
import { problem } from '#http/problem';
import { lowerCaseHeaders } from '#http/request';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Request id on every response, and every failure as problem+json with no internals. */
export const requestContext = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext> => ({
  before: (request: ApiRequest) => {
    const headers = lowerCaseHeaders(request.event);
    const given = headers['x-request-id'];
    const requestId = given && CLIENT_REQUEST_ID.test(given) ? given : (request.event.requestContext?.requestId || newId('req'));
    request.context.dossier = { requestId, headers, caller: { kind: 'public' } };
    logger.resetKeys();
    logger.appendKeys({ requestId, routeKey: request.event.routeKey });
  },
  after: (request: ApiRequest) => {
    request.response = withRequestId(request.response!, request.context.dossier.requestId);
  },
  onError: (request: ApiRequest) => {
    const error = request.error;
    let response: APIGatewayProxyStructuredResultV2;
    if (error instanceof DomainError) {
      response = problem(error.code, error.message, error.errors, error.headers);
      logger.info('request refused', { code: error.code });
    } else {
      logger.error('request failed', error as Error);
      response = problem('INTERNAL', 'Something went wrong on our side. Quote the x-request-id when reporting it.');
    }
    request.response = withRequestId(response, request.context.dossier?.requestId ?? newId('req'));
  },
});

function withRequestId(response: APIGatewayProxyStructuredResultV2, requestId: string): APIGatewayProxyStructuredResultV2 {
  return { ...response, headers: { ...response.headers, 'x-request-id': requestId } };
}
