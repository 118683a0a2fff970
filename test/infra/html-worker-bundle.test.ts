import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { bundling } from '#infra/constructs/bundling';
import { fromRoot } from '#infra/constructs/project';

it('runs the HTML worker thread from a Lambda bundle (one index.mjs, esbuild with the shared options)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'html-worker-bundle-'));
  try {
    await build({
      entryPoints: [fromRoot('test/infra/html-worker-entry.ts')],
      outfile: join(out, 'index.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: bundling.target,
      mainFields: bundling.mainFields,
      minify: bundling.minify,
      banner: { js: bundling.banner! },
      logLevel: 'silent',
    });
    // Plain node, no TypeScript loader, the bundle imported by a runner as Lambda's runtime does.
    writeFileSync(
      join(out, 'run.mjs'),
      "import('./index.mjs').then((m) => m.handler()).then((r) => console.log(JSON.stringify(r)));",
    );
    const stdout = execFileSync(process.execPath, [join(out, 'run.mjs')], {
      cwd: out,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH },
    });
    expect(JSON.parse(stdout)).toEqual({ rendered: true, refused: 'TEMPLATE_TOO_EXPENSIVE iterations' });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 90_000);
