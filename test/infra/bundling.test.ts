import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions, type FunctionSpec } from '#infra/catalog';
import { bundling, bundlingFor } from '#infra/constructs/bundling';

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
});
