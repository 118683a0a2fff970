import * as z from 'zod';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '#core/errors';
import type { ApiDeps } from '#http/deps';
import { inRequestPart } from '#http/input-paths';
import type { RequestState } from '#http/request-state';
import { ifMatchVersion, jsonBody, rawBody } from '#http/request';
import type { Reply } from '#http/route';
import { parseOrThrow } from '#http/validate';

/** What a route without a body schema accepts: no body, or `{}`. */
const NoBody = z.strictObject({}, { error: 'This route takes no body (or an empty object).' });

/** Validates every part of the request against the route's schemas, runs it, shapes the reply. */
export async function invokeRoute(
  event: APIGatewayProxyEventV2,
  state: RequestState,
  deps: ApiDeps,
): Promise<APIGatewayProxyStructuredResultV2> {
  const route = state.route!;
  const body = route.rawBody ? undefined : jsonBody(event, state.headers);
  const params = route.params ? parseOrThrow(route.params, decoded(event.pathParameters), 'params') : undefined;
  const query = route.query ? parseOrThrow(route.query, event.queryStringParameters ?? {}, 'query') : undefined;
  // Only an absent body stands for `{}`: a JSON `null` is a body, and not an object.
  const given = body === undefined ? {} : body;
  const parsedBody = route.body
    ? parseOrThrow(route.body, given, 'body')
    : route.rawBody
      ? undefined
      : (parseOrThrow(NoBody, given, 'body'), undefined);
  // A precondition the route cannot honour must not be silently dropped: the client would think it was checked.
  if (!route.ifMatch && state.headers['if-match'] !== undefined) {
    throw new DomainError('VALIDATION', 'This route does not take If-Match.', [
      { path: 'headers.if-match', message: 'Not supported on this route; leave it out.' },
    ]);
  }
  const input = {
    params,
    query,
    body: parsedBody,
    headers: state.headers,
    ifMatch: ifMatchVersion(state.headers),
    ...(route.rawBody ? { raw: rawBody(event) } : {}),
    sourceIp: event.requestContext?.http?.sourceIp ?? '',
  };
  // The authenticate middleware made the caller match the route's `auth`.
  const context = { requestId: state.requestId, caller: state.caller as never, deps };
  // A use case's input is the body where the route takes one, else the query (list filters).
  const reply = await inRequestPart(route.body || route.rawBody ? 'body' : 'query', () =>
    route.handler(input, context),
  );
  return toResult(reply);
}

function decoded(params: Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([k, v]) => {
      try {
        return [k, v === undefined ? v : decodeURIComponent(v)];
      } catch {
        throw new DomainError('VALIDATION', 'The path is not validly percent-encoded.', [
          { path: `params.${k}`, message: 'Invalid percent-encoding.' },
        ]);
      }
    }),
  );
}

export function toResult(reply: Reply): APIGatewayProxyStructuredResultV2 {
  if (reply.body === undefined) return { statusCode: reply.status, headers: { ...reply.headers } };
  return {
    statusCode: reply.status,
    headers: { 'content-type': 'application/json', ...reply.headers },
    body: JSON.stringify(reply.body),
  };
}
