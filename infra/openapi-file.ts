import { writeOpenApiDocument } from '#infra/openapi-document';

// Writes the served OpenAPI document to a file, offline: into the platform-api bundle (infra/catalog.ts),
// and for Redocly lint (npm run lint) and SDK generators.
const out = process.argv[2] ?? 'cdk.out/openapi.json';
console.log(JSON.stringify({ name: 'openapi-document', file: out, ...writeOpenApiDocument(out) }));
