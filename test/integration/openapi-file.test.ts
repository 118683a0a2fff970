import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#config';
import { handler } from '#http/platform/api';
import { apiDocument } from '#infra/openapi-document';

// The platform entry in this process, pointed at a file of our own: what it answers when the
// prebuilt document is missing (a broken deployment), and that it reads the file only once.

const dir = mkdtempSync(join(tmpdir(), 'dossier-openapi-'));
const file = join(dir, 'openapi.json');
const saved = { ...process.env };

const getDocument = async () => {
  const event = {
    version: '2.0',
    routeKey: 'GET /v1/openapi.json',
    rawPath: '/v1/openapi.json',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path: '/v1/openapi.json' }, requestId: 'openapi-file-test' },
  } as unknown as APIGatewayProxyEventV2;
  return (await handler(event, {} as Context)) as APIGatewayProxyStructuredResultV2;
};

beforeAll(() => {
  // The route reads no table; the configuration only needs to parse.
  Object.assign(process.env, { TABLE_NAME: 'unused', BUCKET_NAME: 'unused', OPENAPI_DOCUMENT_FILE: file });
  resetConfig();
});

afterAll(() => {
  for (const name of ['TABLE_NAME', 'BUCKET_NAME', 'OPENAPI_DOCUMENT_FILE'])
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  resetConfig();
  rmSync(dir, { recursive: true, force: true });
});

describe('the platform function serving its prebuilt OpenAPI document', () => {
  it('answers 500 with a problem naming the missing document when the file is absent, never an empty document', async () => {
    const res = await getDocument();
    expect(res.statusCode).toBe(500);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    const body = JSON.parse(res.body!) as { code: string; detail: string };
    expect(body.code).toBe('INTERNAL');
    expect(body.detail).toMatch(/OpenAPI document is missing from this deployment/);
  });

  it('answers 500 for a file that is not an OpenAPI document', async () => {
    writeFileSync(file, '{"truncated": ');
    expect((await getDocument()).statusCode).toBe(500);
    writeFileSync(file, '[]');
    expect((await getDocument()).statusCode).toBe(500);
  });

  it('serves the file once it is there, and keeps serving what it read after the file is gone', async () => {
    const document = apiDocument();
    writeFileSync(file, JSON.stringify(document, null, 2));
    const first = await getDocument();
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe(JSON.stringify(document));
    rmSync(file);
    const again = await getDocument();
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
  });
});
