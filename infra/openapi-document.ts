import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openApiDocument } from '#http/openapi';
import { webhooksSection } from '#http/records/openapi-webhooks';
import { allRoutes } from '#infra/route-table';

/** The product's OpenAPI document: every route, and one webhooks entry per event type. */
export const apiDocument = () => openApiDocument(allRoutes(), webhooksSection);

/**
 * Writes the OpenAPI document of every route to `file`: the one the platform function serves
 * (bundled beside it, or written by the local runtime at start), Redocly lints and SDKs are made from.
 */
export function writeOpenApiDocument(file: string): { bytes: number; generationMs: number } {
  const started = performance.now();
  const document = apiDocument();
  const generationMs = performance.now() - started;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  // What GET /v1/openapi.json answers: the document without the indentation.
  return { bytes: Buffer.byteLength(JSON.stringify(document)), generationMs: Math.round(generationMs) };
}
