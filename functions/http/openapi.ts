import * as z from 'zod';
import type { Route } from '#http/route';
import { Problem } from '#http/schemas/common';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: toSchema(Problem, 'output') } } });

function parameters(route: Route): JsonSchema[] {
  const fromObject = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s }));
  };
  return [...fromObject(route.params, 'path'), ...fromObject(route.query, 'query')];
}

function operation(route: Route): JsonSchema {
  const { status, schema, description } = route.success;
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').split('/').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}`,
    summary: route.summary,
    tags: [route.tag],
    security: route.auth === 'public' ? [] : [{ [route.auth === 'admin' ? 'adminKey' : 'apiKey']: [] }],
    parameters: parameters(route),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } } : {}),
    responses: {
      [status]: schema ? { description, content: { 'application/json': { schema: toSchema(schema, 'output') } } } : { description },
      default: problemResponse('An RFC 9457 problem'),
    },
  };
}

/** The OpenAPI 3.1 document, generated from the same schemas the handlers validate with. */
export function openApiDocument(routes: Route[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: '3.1.0',
    info: { title: 'Dossier API', version: '1.0.0', description: 'Multi-tenant CRM whose records carry their documents.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A tenant API key' },
        adminKey: { type: 'http', scheme: 'bearer', description: 'The platform admin key' },
      },
    },
  };
}
