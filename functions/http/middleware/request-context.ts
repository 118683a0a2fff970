import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import { logger } from '#observability/logger';
import type { ApiContext, ApiRequest, RequestState } from '#http/request-state';
import { problem, STATUS } from '#http/problem';
import { toResult } from '#http/invoke-route';
import { lowerCaseHeaders } from '#http/request';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Request id on every response, and every failure as problem+json with no internals. */
export const requestContext = (
  outageRetryAfter: (error: unknown) => number | undefined,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext> => ({
  before: (request: ApiRequest) => {
    const headers = lowerCaseHeaders(request.event);
    const given = headers['x-request-id'];
    const requestId =
      given && CLIENT_REQUEST_ID.test(given) ? given : request.event.requestContext?.requestId || newId('req');
    request.context.dossier = { requestId, headers, caller: { kind: 'public' } };
    logger.resetKeys();
    logger.appendKeys({ requestId, routeKey: request.event.routeKey });
  },
  after: (request: ApiRequest) => {
    request.response = withStandardHeaders(request.response!, request.context.dossier);
  },
  onError: (request: ApiRequest) => {
    const error = request.error;
    let response: APIGatewayProxyStructuredResultV2;
    const retryAfter = error instanceof DomainError ? undefined : outageRetryAfter(error);
    const page = request.context.dossier?.route?.htmlError;
    if (error instanceof DomainError && page && STATUS[error.code] < 500) {
      // A page for people: the refusal in their language, not a problem document they cannot read.
      response = toResult(
        page(STATUS[error.code], {
          headers: request.context.dossier.headers,
          query: request.event.queryStringParameters ?? {},
        }),
      );
      if (error.headers?.allow) response.headers = { ...response.headers, allow: error.headers.allow };
      logger.info('request refused', { code: error.code });
    } else if (error instanceof DomainError) {
      response = problem(error.code, error.message, error.errors, error.headers, error.extensions);
      logger.info('request refused', { code: error.code });
    } else if (retryAfter !== undefined) {
      // Throttled or unreachable store: the client may retry; a 500 would say the request is broken.
      logger.warn('store unavailable', { retryAfter, error: error as Error });
      response = problem(
        'UNAVAILABLE',
        'A backing service is temporarily unavailable; retry after the Retry-After delay.',
        [],
        { 'retry-after': String(retryAfter) },
      );
    } else {
      logger.error('request failed', error as Error);
      response = problem('INTERNAL', 'Something went wrong on our side. Quote the x-request-id when reporting it.');
    }
    request.response = withStandardHeaders(response, request.context.dossier);
  },
});

/** Request id everywhere; `nosniff` everywhere; and answers that depend on a key are never cached. */
export function withStandardHeaders(
  response: APIGatewayProxyStructuredResultV2,
  state: RequestState | undefined,
): APIGatewayProxyStructuredResultV2 {
  const authenticated = state?.route ? state.route.auth !== 'public' : false;
  return {
    ...response,
    headers: {
      ...response.headers,
      'x-request-id': state?.requestId ?? newId('req'),
      'x-content-type-options': 'nosniff',
      ...(authenticated ? { 'cache-control': 'no-store' } : {}),
    },
  };
}
