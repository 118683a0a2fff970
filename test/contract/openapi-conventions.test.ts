import { createConfig } from '@redocly/openapi-core';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { apiDocument } from '#infra/openapi-document';
import { reachableSchemas, resolveRef } from './openapi-walk';

// The conventions of the document, held for every route in the route table: a route added on
// another branch that breaks one fails here, naming the route.

type Json = Record<string, any>;
const doc = JSON.parse(JSON.stringify(apiDocument())) as Json;
const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, path, method, op })),
);
const resolve = (node: Json): Json => (node?.$ref ? resolve(resolveRef(doc, node.$ref)) : node);
const componentName = (ref: string) => ref.split('/').at(-1)!;
const successOf = (op: Json) =>
  Object.entries(op.responses as Json).filter(([s]) => s.startsWith('2') || s === '302' || s === '303');

/** Paths to every `default` keyword in a schema (property names called "default" are not keywords). */
function defaults(node: unknown, at: string): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => defaults(n, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => {
    if (k === 'default') return [at];
    if (k === 'enum' || k === 'const' || k === 'examples') return [];
    if (k === 'properties' || k === 'patternProperties')
      return Object.entries(v as Json).flatMap(([name, s]) => defaults(s, `${at}/${k}/${name}`));
    return defaults(v, `${at}/${k}`);
  });
}

describe('OpenAPI conventions', () => {
  it('names every request body as a component ending in Request', () => {
    const bodies = operations.filter(({ op }) => op.requestBody);
    expect(bodies.length).toBeGreaterThan(30);
    for (const { where, op } of bodies)
      for (const [type, media] of Object.entries(op.requestBody.content as Json)) {
        expect(media.schema.$ref, `${where} ${type}`).toMatch(/^#\/components\/schemas\/[A-Z][A-Za-z0-9]*Request$/);
        expect(doc.components.schemas[componentName(media.schema.$ref)], `${where} ${type}`).toBeDefined();
      }
    for (const name of ['CreateLeadRequest', 'ConvertLeadRequest', 'GenerateRequest', 'SequenceRequest', 'SendRequest'])
      expect(doc.components.schemas, name).toHaveProperty(name);
  });

  it('gives nothing a client sends a default (openapi-typescript would make it required), and says the default in words', () => {
    const sent = new Set<string>();
    for (const { op } of operations) {
      reachableSchemas(doc, op.requestBody ?? {}, sent);
      reachableSchemas(doc, op.parameters ?? [], sent);
    }
    const found = [...sent].flatMap((name) => defaults(doc.components.schemas[name], name));
    for (const { where, op } of operations)
      found.push(
        ...defaults(
          (op.parameters as Json[]).map((p) => resolve(p).schema ?? {}),
          `${where} parameters`,
        ),
      );
    expect(found).toEqual([]);
    const generate = doc.components.schemas.GenerateRequest;
    expect(generate.required).not.toContain('format');
    expect(generate.properties.format.description).toContain('Default: `"pdf"`');
    expect(doc.components.schemas.SequenceRequest.required).toEqual(['name']);
    expect(doc.components.schemas.Paper.required ?? []).toEqual([]);
    expect(doc.components.schemas.SendRequest.properties.as.description).toContain('Default: `"attachment"`');
  });

  it('prefixes the operation id of every admin operation with admin, and of no other', () => {
    for (const { where, op } of operations) {
      const admin = op.security.some((s: Json) => 'adminKey' in s);
      expect(/^admin[A-Z]/.test(op.operationId), `${where} ${op.operationId}`).toBe(admin);
    }
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids).toEqual(
      expect.arrayContaining(['adminGetTenant', 'adminGetTenantUsage', 'getOwnTenant', 'getDeal', 'getRenderJob']),
    );
    expect(ids).not.toContain('getDealCard');
    expect(ids).not.toContain('getJob');
  });

  it('answers one shape per resource across verbs; the richer view is an explicit ?include=', () => {
    const schemaOf = (op: Json) => op.responses['200']?.content?.['application/json']?.schema;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const read = item.get && schemaOf(item.get);
      if (!read) continue;
      for (const write of ['put', 'patch'].filter((m) => item[m] && schemaOf(item[m]))) {
        const shapes = read.anyOf ?? [read];
        // A read with more than one shape says which: an `include` query parameter.
        if (shapes.length > 1)
          expect(
            item.get.parameters.some((p: Json) => p.in === 'query' && p.name === 'include'),
            path,
          ).toBe(true);
        expect(shapes, `${write.toUpperCase()} ${path} answers what GET answers`).toContainEqual(schemaOf(item[write]));
      }
    }
    const deal = doc.paths['/v1/deals/{id}'].get;
    expect(schemaOf(deal).anyOf).toEqual([
      { $ref: '#/components/schemas/Deal' },
      { $ref: '#/components/schemas/DealCard' },
    ]);
    expect(deal.parameters).toContainEqual(
      expect.objectContaining({ name: 'include', in: 'query', schema: { type: 'string', enum: ['card'] } }),
    );
    // The approval read is the audit: named Approval… like every other approval answer.
    for (const { where, op } of operations.filter(({ op }) => op.tags[0] === 'Approvals'))
      for (const [, response] of successOf(op)) {
        const schema = response.content?.['application/json']?.schema;
        if (schema) expect(componentName(schema.$ref), where).toMatch(/^Approval/);
      }
  });

  it('documents 405 with Allow, and X-Content-Type-Options and Cache-Control on every answer', () => {
    const notAllowed = doc.components.responses.MethodNotAllowed;
    expect(notAllowed.headers.Allow).toEqual({ $ref: '#/components/headers/Allow' });
    expect(doc.components.headers.Allow.required).toBe(true);
    expect(doc.components.headers.XContentTypeOptions.schema.enum).toEqual(['nosniff']);
    for (const { where, op } of operations) {
      expect(resolve(op.responses['405']) ?? {}, where).toMatchObject({
        headers: expect.objectContaining({ Allow: { $ref: '#/components/headers/Allow' } }),
      });
      for (const [status, given] of Object.entries(op.responses as Json)) {
        const response = resolve(given);
        // API Gateway's own throttling answer carries only what API Gateway sets.
        if (status === '429' && !response.content['application/problem+json']) continue;
        expect(response.headers['X-Content-Type-Options'], `${where} ${status}`).toEqual({
          $ref: '#/components/headers/XContentTypeOptions',
        });
        expect(response.headers['Cache-Control'], `${where} ${status}`).toBeDefined();
      }
      // An answer that depends on a key is never cached: said, and required, on its successes.
      if (op.security.length)
        for (const [status, response] of successOf(op))
          expect(response.headers['Cache-Control'], `${where} ${status}`).toEqual({
            $ref: '#/components/headers/CacheControlNoStore',
          });
    }
  });

  it('links every 202 with a Location to the operation to poll, with its parameters', () => {
    const byId = new Map(operations.map((o) => [o.op.operationId, o]));
    const accepted = operations.filter(({ op }) => op.responses['202']?.headers?.Location);
    expect(accepted.map((o) => o.where)).toEqual(
      expect.arrayContaining(['POST /v1/documents/generate', 'POST /v1/admin/tenants/{id}/reconcile']),
    );
    for (const { where, op } of accepted) {
      const poll = op.responses['202'].links?.poll;
      expect(poll, where).toBeDefined();
      const target = byId.get(poll.operationId);
      expect(target, `${where} → ${poll.operationId}`).toBeDefined();
      expect(target!.method, where).toBe('get');
      const pathParams = (target!.op.parameters as Json[]).filter((p) => p.in === 'path').map((p) => p.name);
      expect(Object.keys(poll.parameters).sort(), where).toEqual(pathParams.sort());
    }
    expect(doc.paths['/v1/documents/generate'].post.responses['202'].links.poll).toMatchObject({
      operationId: 'getRenderJob',
      parameters: { id: '$response.body#/id' },
    });
  });

  it('documents the intake: CORS headers on every answer, the three payloads and the signature headers', () => {
    const submit = doc.paths['/v1/intake/{tenantId}/{formId}'].post;
    const preflight = doc.paths['/v1/intake/{tenantId}/{formId}'].options;
    for (const [op, name] of [
      [submit, 'POST'],
      [preflight, 'OPTIONS'],
    ] as const)
      for (const [status, response] of Object.entries(op.responses as Json)) {
        expect(response.$ref, `${name} ${status}`).toBeUndefined();
        expect(Object.keys(response.headers), `${name} ${status}`).toEqual(
          expect.arrayContaining(['Access-Control-Allow-Origin', 'Vary']),
        );
      }
    expect(Object.keys(preflight.responses['204'].headers)).toEqual(
      expect.arrayContaining([
        'Access-Control-Allow-Methods',
        'Access-Control-Allow-Headers',
        'Access-Control-Max-Age',
      ]),
    );
    const json = resolve(submit.requestBody.content['application/json'].schema);
    expect(json.anyOf.map((s: Json) => componentName(s.$ref))).toEqual([
      'FormFieldsRequest',
      'TypeformWebhookRequest',
      'TallyWebhookRequest',
    ]);
    expect(doc.components.schemas.TypeformWebhookRequest.properties.event_type).toMatchObject({
      const: 'form_response',
    });
    expect(doc.components.schemas.TallyWebhookRequest.properties.eventType).toMatchObject({ const: 'FORM_RESPONSE' });
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data'])
      expect(submit.requestBody.content[type].schema).toEqual({ $ref: '#/components/schemas/FormFieldsRequest' });
    const headers = (submit.parameters as Json[]).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headers).toEqual(
      expect.arrayContaining([
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
        'Typeform-Signature',
        'Tally-Signature',
      ]),
    );
  });

  it('marks CORS preflights x-internal, which openapi-typescript with Redocly remove-x-internal leaves out', async () => {
    const preflights = operations.filter(({ method }) => method === 'options');
    expect(preflights.length).toBeGreaterThan(0);
    for (const { where, op } of preflights) expect(op['x-internal'], where).toBe(true);
    const redocly = await createConfig({ decorators: { 'remove-x-internal': 'on' } }, { extends: ['minimal'] });
    const types = astToString(await openapiTS(doc as OpenAPI3, { redocly, silent: true }));
    expect(types).toContain('submitForm');
    for (const { op } of preflights) expect(types).not.toContain(op.operationId);
  }, 60_000);
});
