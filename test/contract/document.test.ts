import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { apiDocument } from '#infra/openapi-document';
import { allRoutes } from '#infra/route-table';
import { resolveRef } from './openapi-walk';

// The generated document itself, offline: valid OpenAPI 3.1, named schemas, and every operation
// carrying what a generated client needs. New routes are covered by iterating the route table.

const started = performance.now();
const doc = JSON.parse(JSON.stringify(apiDocument())) as Record<string, any>;
const generationMs = performance.now() - started;
const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, method, op })),
);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(doc);
    expect(result.valid, JSON.stringify(result.errors)).toBe(true);
    console.log(
      JSON.stringify({
        name: 'openapi-document',
        bytes: JSON.stringify(doc).length,
        generationMs: Math.round(generationMs),
        operations: operations.length,
      }),
    );
  });

  it('names a component schema per resource, problem and page', () => {
    for (const name of [
      'Lead',
      'Contact',
      'Company',
      'Deal',
      'DealCard',
      'Pipeline',
      'Field',
      'Tenant',
      'ApiKey',
      'CreatedApiKey',
      'AuditEntry',
      'TimelineEntry',
      'Problem',
      'ValidationProblem',
      'CustomFieldValue',
      'ListOption',
      'LeadPage',
      'ContactPage',
      'CompanyPage',
      'DealPage',
      'TimelineEntryPage',
      'ApiKeyPage',
      'TenantPage',
    ]) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
    expect(doc.components.schemas.Deal.additionalProperties).toBe(false);
  });

  it('gives every operation a unique camelCase identifier, a declared tag and a description', () => {
    const ids = operations.map(({ op }) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'listDeals',
        'createApiKey',
        'getDeal',
        'updateDeal',
        'listCompanyDeals',
        'getRenderJob',
        'adminGetTenant',
        'adminGetTenantUsage',
        'getOwnTenant',
      ]),
    );
    const tags = new Map(
      (doc.tags as Array<{ name: string; description: string }>).map((t) => [t.name, t.description]),
    );
    for (const { where, op } of operations) {
      expect(tags.get(op.tags[0]), where).toBeTruthy();
      expect(op.description, where).toBeTruthy();
    }
  });

  it('documents errors, headers and the honoured request headers on every operation', () => {
    for (const { where, method, op } of operations) {
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s.startsWith('4')),
        where,
      ).toBe(true);
      expect(statuses, where).toEqual(expect.arrayContaining(['500', '503']));
      // A download's success is its 302 to the presigned URL.
      const success = op.responses[statuses.find((s) => s.startsWith('2')) ?? statuses.find((s) => s === '302')!];
      expect(success.headers, where).toHaveProperty('x-request-id');
      const params = (op.parameters as Array<{ $ref?: string }>).map((p) => p.$ref);
      // A CORS preflight (OPTIONS) changes nothing: no Idempotency-Key to honour. A page's form post
      // (text/html) is made idempotent by the page's nonce: a browser sends no Idempotency-Key.
      const page = Boolean(success.content?.['text/html']);
      if (method !== 'get' && method !== 'options' && !page) {
        expect(params, where).toContain('#/components/parameters/IdempotencyKey');
        expect(success.headers, where).toHaveProperty('Idempotent-Replayed');
      }
      if (op.security.length)
        expect(op.responses['401'], where).toEqual({ $ref: '#/components/responses/Unauthorized' });
    }
    const ifMatch = operations
      .filter(({ op }) => op.parameters.some((p: { $ref?: string }) => p.$ref === '#/components/parameters/IfMatch'))
      .map((o) => o.where);
    expect(ifMatch).toEqual(
      expect.arrayContaining(['PATCH /v1/deals/{id}', 'DELETE /v1/deals/{id}', 'PATCH /v1/admin/tenants/{id}']),
    );
    for (const where of ifMatch)
      expect(operations.find((o) => o.where === where)!.op.responses, where).toHaveProperty('412');
    expect(doc.paths['/v1/deals'].post.responses['201'].headers).toMatchObject({
      ETag: expect.any(Object),
      Location: expect.any(Object),
    });
    expect(doc.components.responses.Unauthorized.headers).toHaveProperty('WWW-Authenticate');
    expect(doc.components.responses.ServiceUnavailable.headers).toHaveProperty('Retry-After');
  });

  it('shows an example for every request body, and each example is accepted by the schema the handler validates with', () => {
    for (const route of allRoutes().filter((r) => r.body)) {
      const where = `${route.method} ${route.path}`;
      expect(route.example, where).toBeDefined();
      const parsed = route.body!.safeParse(route.example);
      expect(parsed.success, `${where}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(doc.paths[route.path][route.method.toLowerCase()].requestBody.content['application/json'].example).toEqual(
        route.example,
      );
    }
  });

  it('marks what a create needs as required', () => {
    // Every request body is a named component (openapi-conventions.test.ts): read it through its $ref.
    const body = (path: string) =>
      resolveRef(doc, doc.paths[path].post.requestBody.content['application/json'].schema.$ref);
    expect(body('/v1/companies').required).toEqual(['name']);
    expect(body('/v1/deals').required).toEqual(['title']);
    expect(body('/v1/leads').required).toEqual(['title']);
    expect(body('/v1/contacts').anyOf).toEqual([{ required: ['firstName'] }, { required: ['lastName'] }]);
    // userId is optional: without it the key's user is a new usr_ user.
    expect(body('/v1/api-keys').required).toEqual(['name', 'role']);
  });
});
