import type { Route } from '#http/route';
import { reachableSchemas, resolveRef } from './openapi-walk';

// Writes a TypeScript module, against types generated from the document, that (1) calls every
// operation taking a JSON body with only what the document marks required, and (2) asserts for
// every object schema a client sends that the generated type requires exactly the properties the
// document lists as required. A `default` turned into a required property by openapi-typescript
// (its default `defaultNonNullable`) fails both; so does any other drift between the two.

type Json = Record<string, any>;

const lit = (v: unknown) => JSON.stringify(v);

/** A value for a path or query parameter the generated types accept: an enum's first member, else a string. */
const paramValue = (schema: Json): unknown => schema.enum?.[0] ?? (schema.type === 'integer' ? 1 : 'x');

/** The body of a call: the route's example cut down to what its schema requires (when the schema says plainly). */
function minimalBody(schema: Json, example: unknown): unknown {
  const plain = schema.type === 'object' && schema.properties && !schema.anyOf && !schema.oneOf && !schema.allOf;
  if (!plain || !example || typeof example !== 'object') return example;
  const required = new Set<string>(schema.required ?? []);
  return Object.fromEntries(Object.entries(example).filter(([k]) => required.has(k)));
}

/** Fields of a web form: what a browser post (or a Standard Webhooks delivery) sends to form intake. */
const FORM_FIELDS = { email: 'ada@example.com', name: 'Ada Lovelace', plan: ['pro', 'support'] };

export function bodyCalls(doc: Json, routes: Route[]): { source: string; calls: number; schemas: number } {
  const resolve = (node: Json): Json => (node?.$ref ? resolveRef(doc, node.$ref) : node);
  const sent = new Set<string>();
  const calls: string[] = [];
  for (const r of routes.filter((r) => r.body || r.rawBody)) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    const media = op.requestBody.content['application/json'];
    if (!media) continue;
    reachableSchemas(doc, media.schema, sent);
    const body = r.body ? minimalBody(resolve(media.schema), r.example) : FORM_FIELDS;
    const inPath = (op.parameters as Json[]).filter((p) => p.in === 'path');
    const params = inPath.length
      ? `params: { path: { ${inPath.map((p) => `${lit(p.name)}: ${lit(paramValue(p.schema))}`).join(', ')} } }, `
      : '';
    calls.push(`  await api.${r.method}(${lit(r.path)}, { ${params}body: ${lit(body)} });`);
  }
  const checks = [...sent].sort().flatMap((name) => {
    const schema = doc.components.schemas[name];
    // Open objects get an index signature, under which "required keys" says nothing: closed ones only.
    const closed = schema.type === 'object' && schema.properties && schema.additionalProperties === false;
    if (!closed || schema.anyOf || schema.oneOf || schema.allOf) return [];
    const required = (schema.required ?? []) as string[];
    return [
      `same<RequiredKeys<components['schemas'][${lit(name)}]>, ${required.length ? required.map(lit).join(' | ') : 'never'}>(true);`,
    ];
  });
  const source = [
    "import createClient from 'openapi-fetch';",
    "import type { components, paths } from './api';",
    '',
    '// Written by test/contract/body-calls.ts; type-checked in memory by the contract test.',
    'type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];',
    'type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;',
    'const same = <A, B>(check: Same<A, B>): boolean => check;',
    '',
    ...checks,
    '',
    'export async function everyBody(baseUrl: string): Promise<void> {',
    '  const api = createClient<paths>({ baseUrl });',
    ...calls,
    '}',
    '',
  ].join('\n');
  return { source, calls: calls.length, schemas: checks.length };
}
