import { isMutating, type Route } from '#http/route';

// The error statuses and headers every operation documents, derived from what the middy stack
// does for a route with these traits: a new route is documented without anyone listing them.

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

export const HEADERS: Record<string, Json> = {
  XRequestId: {
    description: 'Identifies the request; quote it when reporting a problem.',
    required: true,
    schema: { type: 'string' },
  },
  ETag: {
    description: 'The version of the resource, for `If-Match`.',
    required: true,
    schema: { type: 'string', examples: ['"3"'] },
  },
  Location: { description: 'The URL of the created resource.', required: true, schema: { type: 'string' } },
  IdempotentReplayed: {
    description: '`true` when this is the stored response to an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
  RetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'string' } },
  WWWAuthenticate: { description: 'The authentication scheme: Bearer.', required: true, schema: { type: 'string' } },
  XContentTypeOptions: {
    description: 'On every answer of the API: browsers never sniff a body into another type.',
    required: true,
    schema: { type: 'string', enum: ['nosniff'] },
  },
  CacheControlNoStore: {
    description: 'Answers that depend on an API key are never stored by caches.',
    required: true,
    schema: { type: 'string', enum: ['no-store'] },
  },
  CacheControl: {
    description:
      '`no-store` on every answer of a route that takes an API key, and on health and share links; `public, max-age=300` on this document.',
    schema: { type: 'string' },
  },
  AccessControlAllowOrigin: {
    description:
      "The request's `Origin`, when it is one of the form's `allowedOrigins` (form intake answers CORS itself).",
    schema: { type: 'string' },
  },
  VaryOrigin: { description: 'The answer depends on the `Origin` of the request.', schema: { type: 'string' } },
  AccessControlAllowMethods: {
    description: 'What a browser may send: POST.',
    required: true,
    schema: { type: 'string' },
  },
  AccessControlAllowHeaders: {
    description: 'The headers a browser may send: `content-type, idempotency-key`.',
    required: true,
    schema: { type: 'string' },
  },
  AccessControlMaxAge: {
    description: 'Seconds a browser may keep this preflight answer.',
    required: true,
    schema: { type: 'string' },
  },
  Allow: {
    description: 'The methods this path takes (RFC 9110 §10.2.1).',
    required: true,
    schema: { type: 'string', examples: ['GET, PATCH, DELETE'] },
  },
};

export const PARAMETERS: Record<string, Json> = {
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string', examples: ['"3"', '"3", "4"', '*'] },
    description:
      'The ETag you read (or a list of ETags, or `*`): the change is refused with 412 if the current version is none of them. Compared strongly: a weak `W/"3"` never matches.',
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    schema: { type: 'string', examples: ['"3"'] },
    description:
      'The ETag (or list of ETags) you hold: when the current one is among them the answer is 304 with no body.',
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 255 },
    description:
      'Makes a retry safe: the same key within 24 h returns the stored response (with `Idempotent-Replayed: true`); the same JSON with keys reordered or spaced otherwise is the same body; with another body it is 422. While the first is running the server waits up to about 2 s for its answer, then answers 409 `IDEMPOTENCY_IN_FLIGHT` with `Retry-After: 1`.',
  },
};

/** What every problem answer carries, whoever answers it (the stack, the router or the local gateway). */
export const problemHeaders = (): Record<string, Json> => ({
  'x-request-id': ref('XRequestId'),
  'X-Content-Type-Options': ref('XContentTypeOptions'),
  'Cache-Control': ref('CacheControl'),
});

const problem = (
  name: string,
  description: string,
  schema: 'Problem' | 'ValidationProblem' = 'Problem',
  headers: Record<string, Json> = {},
) => ({
  name,
  response: {
    description,
    headers: { ...problemHeaders(), ...headers },
    content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${schema}` } } },
  },
});

export const ERROR_RESPONSES: Record<number, { name: string; response: Json }> = {
  400: problem('BadRequest', 'The request is invalid: see `errors` for each field.', 'ValidationProblem'),
  401: problem('Unauthorized', 'No valid API key.', 'Problem', { 'WWW-Authenticate': ref('WWWAuthenticate') }),
  403: problem('Forbidden', 'The key may not do this (role, suspended tenant, or the wrong kind of key).'),
  404: problem('NotFound', 'No such resource in this tenant.'),
  // Any path answers 405 to a method it does not take (resolve-route.ts): listed on every operation of the path.
  405: problem(
    'MethodNotAllowed',
    'This path exists but does not take the method used; `Allow` lists the methods it takes.',
    'Problem',
    { Allow: ref('Allow') },
  ),
  409: problem(
    'Conflict',
    'A state conflict, or (`IDEMPOTENCY_IN_FLIGHT`, with `Retry-After`) a request with the same Idempotency-Key is still running.',
    'Problem',
    { 'Retry-After': ref('RetryAfter') },
  ),
  410: problem(
    'Gone',
    'The resource existed but is no longer usable: an expired upload, an expired or used-up share link.',
  ),
  412: problem(
    'PreconditionFailed',
    'If-Match named no current version (compared strongly: a weak `W/` tag never matches).',
  ),
  413: problem('ContentTooLarge', 'The JSON body is larger than 1 MB.'),
  415: problem('UnsupportedMediaType', 'The body is not JSON.'),
  422: problem('UnprocessableContent', 'The Idempotency-Key was used with another request.'),
  // The stage throttles every route (infra/constructs/http-api.ts); API Gateway answers it itself, in its own shape.
  429: {
    name: 'TooManyRequests',
    response: {
      description: 'Throttled by API Gateway before reaching Dossier; retry with backoff.',
      content: {
        'application/json': {
          schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
        },
      },
    },
  },
  500: problem(
    'InternalServerError',
    'An unexpected error; the body is generic, the cause is logged under the x-request-id.',
  ),
  503: problem(
    'ServiceUnavailable',
    'A dependency is unavailable or a record is too contended; retry after `Retry-After` seconds.',
    'Problem',
    { 'Retry-After': ref('RetryAfter') },
  ),
};

export function errorStatuses(route: Route): number[] {
  const mutating = isMutating(route.method);
  const statuses = [
    // Any request can be malformed (a body where none is taken, an If-Match the route does not honour).
    400,
    ...(route.auth === 'public' ? [] : [401, 403]),
    ...(route.params ? [404] : []),
    405,
    ...(mutating ? [409, 422] : []),
    ...(route.ifMatch ? [412] : []),
    // Any request may carry a body; one that is too large or not JSON is refused before the route runs.
    413,
    415,
    ...(route.errors ?? []),
    429,
    500,
    503,
  ];
  return [...new Set(statuses)].sort((a, b) => a - b);
}

export function successHeaders(route: Route): Record<string, Json> {
  const named = route.success.headers ?? [];
  return {
    'x-request-id': ref('XRequestId'),
    'X-Content-Type-Options': ref('XContentTypeOptions'),
    'Cache-Control': ref(route.auth === 'public' ? 'CacheControl' : 'CacheControlNoStore'),
    ...(named.includes('etag') ? { ETag: ref('ETag') } : {}),
    ...(named.includes('location') ? { Location: ref('Location') } : {}),
    ...(isMutating(route.method) ? { 'Idempotent-Replayed': ref('IdempotentReplayed') } : {}),
  };
}
