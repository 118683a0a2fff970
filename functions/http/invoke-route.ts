import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { canonicalJson } from '#core/request-hash';
import { DomainError } from '#core/errors';
import { DEFAULT_LIMIT, type PageRequest } from '#core/paging';
import type { Caller } from '#core/tenancy/caller';
import type { ApiDeps } from '#http/deps';
import { inRequestPart } from '#http/input-paths';
import type { RequestState } from '#http/request-state';
import { ifMatchVersion, jsonBody, noneMatchHits, rawBody, versionOfEtag } from '#http/request';
import type { Port, Reply, Route } from '#http/route';
import { roleAtLeast } from '#core/tenancy/caller';
import { parseOrThrow } from '#http/request';

/** What a route without a body schema accepts: no body, or `{}`. */
const NoBody = z.strictObject({}, { error: 'This route takes no body (or an empty object).' });

/** Validates every part of the request against the route's schemas, runs it, shapes the reply. */
export async function invokeRoute<D extends Port>(
  event: APIGatewayProxyEventV2,
  state: RequestState,
  deps: Pick<ApiDeps, D>,
  routes: Route<D>[],
): Promise<APIGatewayProxyStructuredResultV2> {
  // resolveRoute picked it from these routes.
  const route = state.route! as Route<D>;
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
  const sourceIp = event.requestContext?.http?.sourceIp ?? '';
  // The authenticate middleware made the caller match the route's `auth`.
  const context = { requestId: state.requestId, caller: state.caller as never, deps };
  const input = {
    params,
    query,
    body: parsedBody,
    headers: state.headers,
    ifMatch: await ifMatchVersion(state.headers, () =>
      currentVersion(readRouteOf(routes, route, state), { event, state, sourceIp, context }),
    ),
    ...(route.rawBody ? { raw: rawBody(event) } : {}),
    sourceIp,
    page: pageOf(state.caller, route.routeKey, params, query),
  };
  // A use case's input is the body where the route takes one, else the query (list filters).
  const reply = await inRequestPart(route.body || route.rawBody ? 'body' : 'query', () =>
    route.handler(input, context),
  );
  // A conditional GET whose ETag the client already holds: 304, the ETag and no body (RFC 9110 §15.4.5).
  const tag = reply.headers?.etag;
  if (route.method === 'GET' && reply.status === 200 && tag && noneMatchHits(state.headers, tag))
    return { statusCode: 304, headers: { etag: tag } };
  return toResult(reply);
}

/** The GET of the same resource, when it answers an ETag and this caller may use it. */
function readRouteOf<D extends Port>(routes: Route<D>[], route: Route<D>, state: RequestState): Route<D> | undefined {
  const read = routes.find((r) => r.method === 'GET' && r.path === route.path && r.success.headers?.includes('etag'));
  const caller = state.caller;
  if (!read || (read.role && (caller.kind !== 'tenant' || !roleAtLeast(caller.role, read.role)))) return undefined;
  return read;
}

/**
 * The resource's current version, as its GET answers it (for an If-Match list that names several
 * versions): 404 for a missing resource comes from that GET, as it would from the write.
 */
async function currentVersion<D extends Port>(
  read: Route<D> | undefined,
  at: {
    event: APIGatewayProxyEventV2;
    state: RequestState;
    sourceIp: string;
    context: Parameters<Route<D>['handler']>[1];
  },
): Promise<number | undefined> {
  if (!read) return undefined;
  const query = read.query ? read.query.safeParse({}) : undefined;
  if (query && !query.success) return undefined;
  const params = read.params ? parseOrThrow(read.params, decoded(at.event.pathParameters), 'params') : undefined;
  const reply = await read.handler(
    {
      params,
      query: query?.data,
      body: undefined,
      headers: at.state.headers,
      sourceIp: at.sourceIp,
      page: pageOf(at.state.caller, read.routeKey, params, query?.data),
    },
    at.context,
  );
  return versionOfEtag(reply.headers?.etag);
}

/**
 * The page a list asks for. Its cursor is bound to what produced it: the caller's tenant (the
 * platform, for admin keys), the route, its path parameters and every query parameter but `limit`
 * and `cursor` (parsed, defaults applied), so a cursor from another tenant, list, record or filter
 * fails verification (400 BAD_CURSOR) without any route writing a scope. Hashed: the cursor carries
 * its scope, and a query can be long.
 */
function pageOf(caller: Caller, routeKey: string, params: unknown, query: unknown): PageRequest {
  const { limit, cursor, ...filters } = (query ?? {}) as { limit?: unknown; cursor?: unknown };
  const owner = caller.kind === 'tenant' ? caller.tenantId : caller.kind;
  // Through JSON first: a date filter is compared as the instant it names, not as `{}`.
  const bound = JSON.parse(JSON.stringify([owner, routeKey, params ?? {}, filters])) as unknown;
  return {
    limit: typeof limit === 'number' ? limit : DEFAULT_LIMIT,
    ...(typeof cursor === 'string' ? { cursor } : {}),
    scope: createHash('sha256').update(canonicalJson(bound)).digest('base64url'),
  };
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
  if (reply.bytes !== undefined)
    return {
      statusCode: reply.status,
      headers: { ...reply.headers },
      body: reply.bytes.toString('base64'),
      isBase64Encoded: true,
    };
  if (reply.html !== undefined)
    return {
      statusCode: reply.status,
      headers: { 'content-type': 'text/html; charset=utf-8', ...reply.headers },
      body: reply.html,
    };
  if (reply.body === undefined) return { statusCode: reply.status, headers: { ...reply.headers } };
  return {
    statusCode: reply.status,
    headers: { 'content-type': 'application/json', ...reply.headers },
    body: JSON.stringify(reply.body),
  };
}
