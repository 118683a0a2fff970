import * as z from 'zod';
import { isMutating, type Poll, type Route } from '#http/route';
import { Problem, ValidationProblem } from '#http/schemas/common';
import { OPENAPI_TAGS } from '#http/openapi-tags';
import {
  ERROR_RESPONSES,
  errorStatuses,
  HEADERS,
  PARAMETERS,
  problemHeaders,
  successHeaders,
} from '#http/openapi-responses';

type Json = Record<string, unknown>;

/** Keywords whose values are maps of schemas by name: the names there are not keywords. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
/** Keywords whose values are data, not schemas. */
const DATA = new Set(['enum', 'const', 'examples', 'example']);

/**
 * A request schema without `default`, the default said in the description instead: openapi-typescript
 * (default options, `defaultNonNullable`) makes every property with a `default` required, so a client
 * generated from the document would have to send what the server fills in itself.
 */
function withoutDefaults(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDefaults);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'default') continue;
    out[k] = SCHEMA_MAPS.has(k)
      ? Object.fromEntries(Object.entries(v as Json).map(([name, s]) => [name, withoutDefaults(s)]))
      : DATA.has(k)
        ? v
        : withoutDefaults(v);
  }
  if ('default' in node) {
    const { description } = node as { description?: string };
    const said = `Default: \`${JSON.stringify((node as { default: unknown }).default)}\`.`;
    out.description = description ? `${description} ${said}` : said;
  }
  return out;
}

/**
 * Converts one zod schema; schemas named with `.meta({ id })` land in `components.schemas` and are
 * referenced. One name with two different shapes (say an input and an output) is a bug: it throws.
 * Input schemas (requests, parameters) carry no `default` (see withoutDefaults).
 */
function converter(components: Record<string, Json>) {
  const toRefs = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(toRefs);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : toRefs(v),
      ]),
    );
  };
  const register = (name: string, schema: Json, io: 'input' | 'output') => {
    if (components[name] && JSON.stringify(components[name]) !== JSON.stringify(schema))
      throw new Error(`Schema ${name} has two shapes (${io}).`);
    components[name] = schema;
  };
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
    const {
      $schema: _ignored,
      $defs,
      ...root
    } = (io === 'input' ? withoutDefaults(converted) : converted) as Json & { $defs?: Record<string, Json> };
    for (const [name, def] of Object.entries($defs ?? {})) register(name, toRefs(def) as Json, io);
    return toRefs(root) as Json;
  };
  /** A request body, always a named component: its own name, else `<OperationId>Request`. */
  const requestBody = (schema: z.ZodType, operationId: string): Json => {
    const json = toSchema(schema, 'input');
    if (typeof json.$ref === 'string') return json;
    const name = `${operationId[0].toUpperCase()}${operationId.slice(1)}Request`;
    register(name, json, 'input');
    return { $ref: `#/components/schemas/${name}` };
  };
  return Object.assign(toSchema, { requestBody });
}

/** A GET that answers an ETag also answers If-None-Match with 304 (invoke-route.ts). */
const conditionalGet = (route: Route) => route.method === 'GET' && (route.success.headers ?? []).includes('etag');

function parameters(route: Route, toSchema: ReturnType<typeof converter>): Json[] {
  const fromObject = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const json = toSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, { description, ...s }]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: s,
    }));
  };
  const headers = [
    ...Object.entries(route.headerParams ?? {}).map(([name, description]) => ({
      name,
      in: 'header',
      required: false,
      description,
      schema: { type: 'string' },
    })),
    ...(route.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
    ...(conditionalGet(route) ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
    // A page's form is made idempotent by its nonce: a browser sends no Idempotency-Key.
    ...(isMutating(route.method) && !route.html ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
  ];
  return [...fromObject(route.params, 'path'), ...fromObject(route.query, 'query'), ...headers];
}

/** What an HTML route's refusal pages say, by status (they are read by people, in their language). */
const HTML_REFUSALS: Record<number, string> = {
  400: 'A page saying what to correct (a form field is marked `aria-invalid` with its message).',
  404: 'A page saying the link is not known (answered in the time a valid link takes).',
  405: 'A page saying the method is not taken here; `Allow` lists those that are.',
  410: 'A page saying why the link no longer opens (closed, expired, revoked), and who decided when.',
  413: 'A page saying the request is too large.',
  415: 'A page saying the form was not sent as a form.',
  429: 'A page asking to wait: too many requests from this address or for this link.',
};

function operation(route: Route, toSchema: ReturnType<typeof converter>): Json {
  const { status, schema, description, degradedStatus, poll, also = [] } = route.success;
  const location = { $ref: '#/components/headers/Location' };
  const page = { 'text/html': { schema: { type: 'string' } } };
  const errors = Object.fromEntries(
    errorStatuses(route).map((s) => {
      // A page for people answers its refusals as pages too; only a failure on our side stays a problem.
      if (route.html && s < 500)
        return [
          s,
          {
            description: HTML_REFUSALS[s] ?? 'A page saying what went wrong.',
            headers: {
              ...problemHeaders(),
              ...(s === 405 ? { Allow: { $ref: '#/components/headers/Allow' } } : {}),
              ...(s === 429 ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } : {}),
            },
            content: page,
          },
        ];
      const special = route.problems?.[s];
      if (!special) return [s, { $ref: `#/components/responses/${ERROR_RESPONSES[s].name}` }];
      const headers = {
        ...problemHeaders(),
        ...(s === 409 || s === 429 || s === 503 ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } : {}),
      };
      // A route's own 429 still shares the status with API Gateway's throttling, which keeps its shape.
      const gateway = s === 429 ? (ERROR_RESPONSES[429].response.content as Json) : {};
      return [
        s,
        {
          description: special.description,
          headers,
          content: { 'application/problem+json': { schema: toSchema(special.schema, 'output') }, ...gateway },
        },
      ];
    }),
  );
  const body = (s: z.ZodType | undefined) =>
    s ? { content: { 'application/json': { schema: toSchema(s, 'output') } } } : {};
  const success = {
    description,
    headers: successHeaders(route),
    ...(route.html
      ? { content: { [route.success.contentType ?? 'text/html']: { schema: { type: 'string' } } } }
      : body(schema)),
    ...pollLink(poll),
  };
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description ?? route.summary,
    tags: [route.tag],
    security: route.auth === 'public' ? [] : [{ [route.auth === 'admin' ? 'adminKey' : 'apiKey']: [] }],
    parameters: parameters(route, toSchema),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: toSchema.requestBody(route.body, route.operationId),
                ...(route.example === undefined ? {} : { example: route.example }),
              },
            },
          },
        }
      : {}),
    ...(route.rawBody
      ? {
          requestBody: {
            required: true,
            description: route.rawBody.description,
            content: Object.fromEntries(
              route.rawBody.contentTypes.map((t) => {
                const own = route.rawBody?.schemas?.[t];
                return [
                  t,
                  {
                    schema: own
                      ? toSchema.requestBody(own, route.operationId)
                      : { type: 'object', additionalProperties: true },
                  },
                ];
              }),
            ),
          },
        }
      : {}),
    ...(route.method === 'OPTIONS'
      ? // A CORS preflight is the browser's business: Redocly's remove-x-internal decorator (which
        // openapi-typescript applies from a redocly.yaml) drops it from generated clients.
        { 'x-internal': true }
      : {}),
    responses: withCors(route, {
      [status]: success,
      ...errors,
      // A report that keeps its shape when it brings bad news (GET /health).
      ...(degradedStatus
        ? { [degradedStatus]: { ...success, description: `${description} (with at least one part down)` } }
        : {}),
      ...(conditionalGet(route)
        ? {
            304: {
              description: 'Not modified: If-None-Match named the current ETag; no body.',
              // The success's headers (ETag included), without its body.
              headers: successHeaders(route),
            },
          }
        : {}),
      ...Object.fromEntries(
        also.map((a) => [
          a.status,
          a.redirect
            ? {
                description: a.description,
                headers: {
                  'x-request-id': success.headers['x-request-id'],
                  'X-Content-Type-Options': success.headers['X-Content-Type-Options'],
                  'Cache-Control': success.headers['Cache-Control'],
                  Location: location,
                },
              }
            : {
                description: a.description,
                headers: a.headers?.includes('location')
                  ? { ...successHeaders(route), Location: location }
                  : successHeaders(route),
                ...body(a.schema ?? schema),
                ...pollLink(a.poll),
              },
        ]),
      ),
    }),
  };
}

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** A 202's job documented as an OpenAPI link to the operation that polls it. */
const pollLink = (poll: Poll | undefined) =>
  poll
    ? {
        links: {
          poll: {
            operationId: poll.operationId,
            parameters: poll.parameters,
            description: 'Where to poll until the work is done (the `Location`).',
          },
        },
      }
    : {};

/**
 * A route that answers CORS itself (form intake) documents its CORS headers on every answer, errors
 * included, so those are written out here rather than referenced (a shared response has no CORS).
 */
function withCors(route: Route, responses: Record<string, Json>): Record<string, Json> {
  if (!route.ownCors) return responses;
  const shared = (ref: unknown) =>
    Object.values(ERROR_RESPONSES).find((e) => `#/components/responses/${e.name}` === ref);
  return Object.fromEntries(
    Object.entries(responses).map(([status, given]) => {
      const response = shared(given.$ref)?.response ?? given;
      const preflight = route.method === 'OPTIONS' && status === String(route.success.status);
      return [
        status,
        {
          ...response,
          headers: {
            ...(response.headers as Json),
            'Access-Control-Allow-Origin': header('AccessControlAllowOrigin'),
            Vary: header('VaryOrigin'),
            ...(preflight
              ? {
                  'Access-Control-Allow-Methods': header('AccessControlAllowMethods'),
                  'Access-Control-Allow-Headers': header('AccessControlAllowHeaders'),
                  'Access-Control-Max-Age': header('AccessControlMaxAge'),
                }
              : {}),
          },
        },
      ];
    }),
  );
}

/** Builds the document's `webhooks` section with the converter that fills its components. */
export type WebhooksSection = (toSchema: ReturnType<typeof converter>) => Json;

/**
 * The OpenAPI 3.1 document, generated from the same schemas the handlers validate with. The caller
 * names the routes and the webhooks section (infra/openapi-document.ts: `apiDocument()`), as this
 * folder is imported by every capability's routes and imports none of them.
 */
export function openApiDocument(routes: Route[], webhooks: WebhooksSection): Json {
  const schemas: Record<string, Json> = {};
  const toSchema = converter(schemas);
  toSchema(Problem, 'output');
  toSchema(ValidationProblem, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r, toSchema);
  // Statuses only some routes answer, each with its own body (a 502 from SES), have no shared response.
  const used = new Set(routes.flatMap(errorStatuses).filter((s) => ERROR_RESPONSES[s]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dossier API',
      version: '1.0.0',
      description:
        'Multi-tenant CRM whose records carry their documents. Errors are RFC 9457 problems; every response carries an `x-request-id`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    // Relative: the document is served by the API it describes, locally and on AWS alike.
    servers: [{ url: '/', description: 'The API that serves this document.' }],
    tags: OPENAPI_TAGS.filter((t) => routes.some((r) => r.tag === t.name)),
    paths,
    webhooks: webhooks(toSchema),
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses: Object.fromEntries(
        [...used].sort().map((s) => [ERROR_RESPONSES[s].name, ERROR_RESPONSES[s].response]),
      ),
      headers: HEADERS,
      parameters: PARAMETERS,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A tenant API key, `dsk.<tenant>.<key id>.<secret>`.' },
        adminKey: { type: 'http', scheme: 'bearer', description: 'The platform admin key.' },
      },
    },
  };
}
