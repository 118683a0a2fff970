import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { describe, expect, it } from 'vitest';
import { apiDocument } from '#infra/openapi-document';
import { functions, type FunctionSpec } from '#infra/catalog';
import { architecture, bundling, bundlingFor, runtime } from '#infra/constructs/bundling';
import { fromRoot, projectRoot } from '#infra/constructs/project';

const renderer: FunctionSpec = {
  id: 'render-pdf',
  entry: 'functions/tasks/render-pdf.ts',
  kind: 'task',
  description: 'PDF',
  memoryMb: 2048,
  timeoutSeconds: 60,
  table: 'read',
  bucket: 'readwrite',
  startsMachines: [],
  bundling: { externalModules: ['@sparticuz/chromium'], nodeModules: ['puppeteer-core'] },
};

describe('per-function bundling', () => {
  it('keeps the shared options for a function that asks nothing more', () => {
    for (const spec of functions.filter((f) => !('bundling' in f))) expect(bundlingFor(spec)).toBe(bundling);
  });

  it('adds what one function asks for (Chromium left to a layer) on top of the shared options', () => {
    const own = bundlingFor(renderer);
    expect(own.externalModules).toEqual([...(bundling.externalModules ?? []), '@sparticuz/chromium']);
    expect(own.nodeModules).toEqual(['puppeteer-core']);
    expect(own.format).toBe(bundling.format);
  });

  it('copies the bundled fonts, with their licence, to fonts/ beside the PDF renderer (where Lambda fontconfig looks)', () => {
    const spec = functions.find((f) => f.id === 'render-pdf')!;
    const hooks = bundlingFor(spec).commandHooks!;
    const out = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      for (const command of hooks.afterBundling(process.cwd(), out)) execSync(command);
      for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'LICENSE'])
        expect(existsSync(join(out, 'fonts', file)), file).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  // Bundled for real, as `npm run synth` does (esbuild, then the hooks, no Docker): GET /v1/openapi.json
  // serves this file, so it must be the document of every route, byte for byte once served.
  it('installs every spelling dictionary beside the templates API, which reads their files at run time', () => {
    const source = readFileSync(fromRoot('functions/core/templates/spelling.ts'), 'utf8');
    const packages = [...source.matchAll(/import\('(dictionary-[\w-]+)'\)/g)].map((m) => m[1]).sort();
    expect(packages).toEqual(['dictionary-en', 'dictionary-en-gb', 'dictionary-et']);
    const api = bundlingFor(functions.find((f) => f.id === 'templates-api')!);
    expect([...(api.nodeModules ?? [])].sort()).toEqual(packages);
    for (const pkg of packages) {
      expect(existsSync(fromRoot(`node_modules/${pkg}/index.aff`)), pkg).toBe(true);
      expect(existsSync(fromRoot(`node_modules/${pkg}/index.dic`)), pkg).toBe(true);
    }
  });

  it('writes the OpenAPI document of every route beside the platform function in its asset', () => {
    const spec = functions.find((f) => f.id === 'platform-api')!;
    const outdir = mkdtempSync(join(tmpdir(), 'dossier-asset-'));
    try {
      const stack = new Stack(new App({ outdir }), 'Bundled');
      new NodejsFunction(stack, 'Platform', {
        entry: fromRoot(spec.entry),
        handler: 'handler',
        projectRoot,
        depsLockFilePath: fromRoot('package-lock.json'),
        runtime,
        architecture,
        bundling: bundlingFor(spec),
      });
      const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
      expect(assets).toHaveLength(1);
      const asset = join(outdir, assets[0]);
      expect(readdirSync(asset).sort()).toEqual(['index.mjs', 'index.mjs.map', 'openapi.json']);
      const bundled = JSON.parse(readFileSync(join(asset, 'openapi.json'), 'utf8')) as unknown;
      expect(JSON.stringify(bundled)).toBe(JSON.stringify(apiDocument()));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});
