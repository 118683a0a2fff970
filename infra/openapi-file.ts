import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openApiDocument } from '#http/openapi';
import { allRoutes } from '#infra/route-table';

// Writes the served OpenAPI document to a file, offline, for Redocly lint (npm run lint) and SDK generators.
const out = process.argv[2] ?? 'cdk.out/openapi.json';
const started = performance.now();
const document = JSON.stringify(openApiDocument(allRoutes()), null, 2);
const ms = performance.now() - started;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${document}\n`);
console.log(
  JSON.stringify({
    name: 'openapi-document',
    file: out,
    bytes: Buffer.byteLength(JSON.stringify(JSON.parse(document))),
    generationMs: Math.round(ms),
  }),
);
