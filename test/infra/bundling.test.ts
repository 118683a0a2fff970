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
});
