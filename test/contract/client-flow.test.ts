import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, inject, it } from 'vitest';
import { newTenant } from '#test/integration/api-client';
import { assertDocumented } from '#test/contract/checked-responses';
import { bodyCalls } from '#test/contract/body-calls';
import { allRoutes } from '#infra/route-table';

const flowFile = join(import.meta.dirname, 'flow', 'client-flow.ts');
const generatedFile = join(import.meta.dirname, 'flow', 'api.d.ts');
const callsFile = join(import.meta.dirname, 'flow', 'every-body.ts');

/** Type-checks `roots` with the generated types (and any other `virtual` files) held in memory, never written into the repository. */
function typeCheck(generated: string, roots: string[] = [flowFile], virtual: Record<string, string> = {}): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: false,
  };
  const files = new Map(Object.entries({ ...virtual, [generatedFile]: generated }));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.getSourceFile = (f, lang, ...rest) =>
    files.has(f) ? ts.createSourceFile(f, files.get(f)!, lang) : getSourceFile(f, lang, ...rest);
  const program = ts.createProgram(roots, options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? `${d.file.fileName.replace(dirname(flowFile), '.')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

/** Casts, non-null assertions, `any` and suppressions in the flow: each would hide a wrong document. */
function escapes(source: string, name = flowFile): string[] {
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.ES2023, true);
  const found: string[] = source.match(/@ts-[\w-]+/g) ?? [];
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) && node.type.getText() !== 'const') found.push(node.getText());
    if (ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || node.kind === ts.SyntaxKind.AnyKeyword)
      found.push(node.getText());
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('contract: a client generated from the served document', () => {
  it('type-checks a realistic openapi-fetch flow under strict, without a single cast', async () => {
    const served = (await (await fetch(`${inject('apiUrl')}/v1/openapi.json`)).json()) as OpenAPI3;
    const started = performance.now();
    const generated = astToString(await openapiTS(served));
    const generatedMs = performance.now() - started;
    const diagnostics = typeCheck(generated);
    expect(diagnostics, diagnostics.join('\n')).toEqual([]);
    expect(escapes(readFileSync(flowFile, 'utf8'))).toEqual([]);
    console.log(
      JSON.stringify({
        name: 'contract-types',
        generatedBytes: generated.length,
        generateMs: Math.round(generatedMs),
        typeCheckMs: Math.round(performance.now() - started - generatedMs),
      }),
    );
  }, 60_000);

  it('generates with default options types that require exactly what the document requires, and a call to every operation with a body type-checks', async () => {
    const served = (await (await fetch(`${inject('apiUrl')}/v1/openapi.json`)).json()) as OpenAPI3;
    // openapi-typescript's defaults (defaultNonNullable among them), as an integrator runs it.
    const generated = astToString(await openapiTS(served));
    const { source, calls, schemas } = bodyCalls(served as Record<string, any>, allRoutes());
    // Every operation taking JSON (a page's form post takes only a form: no typed client calls it).
    expect(calls).toBe(
      allRoutes().filter((r) => r.body || r.rawBody?.contentTypes.includes('application/json')).length,
    );
    const diagnostics = typeCheck(generated, [callsFile], { [callsFile]: source });
    expect(diagnostics, diagnostics.join('\n')).toEqual([]);
    expect(escapes(source, callsFile)).toEqual([]);
    console.log(JSON.stringify({ name: 'contract-body-calls', calls, schemasChecked: schemas }));
  }, 60_000);

  it('the cast check finds casts, non-null assertions, any and suppressions', () => {
    expect(
      escapes('const a = b as string; const c = d!.e; let f: any; // @ts-expect-error\nconst g = [1] as const;'),
    ).toEqual(['@ts-expect-error', 'b as string', 'd!', 'any']);
  });

  it('runs that flow against the API, every response matching the document', async () => {
    const tenant = await newTenant('Flow GmbH');
    const checkedFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const res = await fetch(request);
      const text = await res.clone().text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      await assertDocumented({
        method: request.method,
        path: new URL(request.url).pathname,
        status: res.status,
        headers: res.headers,
        body,
      });
      return res;
    };
    // Loaded by path, so the repository's own type-check (which lacks the generated types) does not follow it.
    const { clientFlow } = (await import(flowFile)) as {
      clientFlow: (url: string, key: string, f: typeof fetch) => Promise<Record<string, any>>;
    };
    const result = await clientFlow(inject('apiUrl'), tenant.ownerKey, checkedFetch);
    expect(result.totals).toEqual({
      net: 1076.4,
      tax: 204.52,
      gross: 1280.92,
      taxes: [{ category: 'S', rate: 19, net: 1076.4, tax: 204.52 }],
    });
    expect(result.inStage.length).toBe(3);
    expect(result.movedTo).toBe(result.nextStage);
    expect([result.staleStatus, result.staleCode]).toEqual([412, 'VERSION_CONFLICT']);
    expect(result.card).toEqual({ company: 'Acme GmbH', contacts: ['Roe'], priority: 'High' });
    expect(result.plainHasCard).toBe(false);
    expect(result.sequence).toEqual({ padding: 4, reset: 'never' });
    expect(result.timeline).toContain('stage_moved');
    expect(new Set(result.paged).size).toBe(3);
    expect(result.pages).toBe(3);
  });
});
