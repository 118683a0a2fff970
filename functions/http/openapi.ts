import * as z from 'zod';
import { isMutating, type Route } from '#http/route';
import { Problem, ValidationProblem } from '#http/schemas/common';
import { OPENAPI_TAGS } from '#http/openapi-tags';
import { ERROR_RESPONSES, errorStatuses, HEADERS, PARAMETERS, successHeaders } from '#http/openapi-responses';

type Json = Record<string, unknown>;

/**
 * Converts one zod schema; schemas named with `.meta({ id })` land in `components.schemas` and are
 * referenced. One name with two different shapes (say an input and an output) is a bug: it throws.
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
  return (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const {
      $schema: _ignored,
      $defs,
      ...root
    } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json & {
      $defs?: Record<string, Json>;
    };
    for (const [name, def] of Object.entries($defs ?? {})) {
      const converted = toRefs(def) as Json;
      if (components[name] && JSON.stringify(components[name]) !== JSON.stringify(converted))
        throw new Error(`Schema ${name} has two shapes (${io}).`);
      components[name] = converted;
    }
    return toRefs(root) as Json;
  };
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
    ...(route.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
    ...(conditionalGet(route) ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
    ...(isMutating(route.method) ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
  ];
  return [...fromObject(route.params, 'path'), ...fromObject(route.query, 'query'), ...headers];
}

function operation(route: Route, toSchema: ReturnType<typeof converter>): Json {
  const { status, schema, description, degradedStatus, also = [] } = route.success;
  const location = { $ref: '#/components/headers/Location' };
  const errors = Object.fromEntries(
    errorStatuses(route).map((s) => {
      const special = route.problems?.[s];
      if (!special) return [s, { $ref: `#/components/responses/${ERROR_RESPONSES[s].name}` }];
      const headers = {
        'x-request-id': { $ref: '#/components/headers/XRequestId' },
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
  const success = { description, headers: successHeaders(route), ...body(schema) };
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
                schema: toSchema(route.body, 'input'),
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
              route.rawBody.contentTypes.map((t) => [t, { schema: { type: 'object', additionalProperties: true } }]),
            ),
          },
        }
      : {}),
    responses: {
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
              headers: { 'x-request-id': success.headers['x-request-id'], ETag: { $ref: '#/components/headers/ETag' } },
            },
          }
        : {}),
      ...Object.fromEntries(
        also.map((a) => [
          a.status,
          a.redirect
            ? {
                description: a.description,
                headers: { 'x-request-id': success.headers['x-request-id'], Location: location },
              }
            : {
                description: a.description,
                headers: a.headers?.includes('location')
                  ? { ...successHeaders(route), Location: location }
                  : successHeaders(route),
                ...body(a.schema ?? schema),
              },
        ]),
      ),
    },
  };
}

/** The OpenAPI 3.1 document, generated from the same schemas the handlers validate with. */
export function openApiDocument(routes: Route[]): Json {
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
