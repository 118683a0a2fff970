// What Lambda loads on a cold start: each API function bundled as NodejsFunction bundles it,
// its size, and how long a fresh Node process takes to import it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { functions } from '#infra/catalog';
import { bundlingFor } from '#infra/constructs/bundling';
import { onExit, runBench } from '#test/bench/lib/main';
import { progress, report, withinBudget } from '#test/bench/lib/report';
import { median, round } from '#test/bench/lib/stats';
import { projectRoot } from '#infra/constructs/project';

const root = projectRoot;
const SIZE_BUDGET = 1_048_576;
const IMPORT_BUDGET_MS = 150;
const RUNS = 9;

// Runs in a fresh process, measuring only the import (not Node's own start-up).
const IMPORT_PROBE =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t)); process.exit(0);';

function importMs(file: string, nodeFlags: string[]): number {
  // No TABLE_NAME and friends: the handlers read their configuration on first invocation.
  const child = spawnSync(
    process.execPath,
    [...nodeFlags, '--input-type=module', '-e', IMPORT_PROBE, pathToFileURL(file).href],
    {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  const ms = Number(child.stdout);
  if (child.status !== 0 || !Number.isFinite(ms))
    throw new Error(`importing ${file} failed (${child.status}): ${child.stderr.slice(-2000)}`);
  return ms;
}

function heaviest(metafile: Metafile, outfile: string) {
  const inputs = Object.entries(metafile.outputs[outfile].inputs).map(([path, i]) => ({
    path,
    bytes: i.bytesInOutput,
  }));
  const byPackage = new Map<string, number>();
  for (const { path, bytes } of inputs) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const pkg = m ? m[1] : '(project)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytes);
  }
  return {
    topModules: inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
    topPackages: [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([pkg, bytes]) => ({ pkg, bytes })),
  };
}

await runBench('bundles', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'dossier-bench-bundles-'));
  onExit(async () => rmSync(outdir, { recursive: true, force: true }));
  for (const fn of functions.filter((f) => f.kind === 'api')) {
    const outfile = join(outdir, fn.id, 'index.mjs');
    const bundling = bundlingFor(fn);
    // The options NodejsFunction passes esbuild for infra/constructs/bundling.ts.
    const result = await build({
      absWorkingDir: root,
      entryPoints: [resolve(root, fn.entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: bundling.target,
      mainFields: bundling.mainFields,
      minify: bundling.minify,
      sourcemap: bundling.sourceMap,
      sourcesContent: bundling.sourcesContent,
      tsconfig: bundling.tsconfig,
      banner: { js: bundling.banner! },
      external: bundling.externalModules,
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = statSync(outfile).size;
    const gzipBytes = gzipSync(readFileSync(outfile)).length;
    const mapBytes = statSync(`${outfile}.map`).size;
    const plain = Array.from({ length: RUNS }, () => importMs(outfile, []));
    progress(`${fn.id}: ${bytes} bytes; import ${plain.map((v) => v.toFixed(0)).join('/')} ms`);

    const over = !withinBudget(bytes, SIZE_BUDGET) || !withinBudget(median(plain), IMPORT_BUDGET_MS);
    const culprits = over
      ? heaviest(
          result.metafile,
          Object.keys(result.metafile.outputs).find((o) => o.endsWith('index.mjs'))!,
        )
      : {};
    report(`bundle.${fn.id}.size`, bytes, 'bytes', SIZE_BUDGET, {
      entry: fn.entry,
      gzipBytes,
      sourceMapBytes: mapBytes,
      ...(withinBudget(bytes, SIZE_BUDGET) ? {} : culprits),
    });
    report(`bundle.${fn.id}.importMs`, median(plain), 'ms', IMPORT_BUDGET_MS, {
      runs: plain.map((v) => round(v)),
      ...(withinBudget(median(plain), IMPORT_BUDGET_MS) ? {} : culprits),
    });
  }
});
