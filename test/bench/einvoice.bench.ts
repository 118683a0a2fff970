// Issue 22: the e-invoice of the 40-line invoice (test/fixtures/einvoice/forty-lines.xml). Full
// validation (UBL 2.1 XSD, EN 16931 and Peppol BIS 3.0 Schematron) measured about 470 ms warm, over
// the 150 ms budget, so it runs in two parts: the XML plus its XSD in the invoice's answer (beside
// Chromium, render-einvoice: budget 150 ms), the Schematron afterwards (validate-einvoice,
// asynchronously; reported, no budget). Cold: the first call in the process, reading the XSDs or the
// SEFs. Also the process's CPU time per validation (the worker thread's xmllint included): on a
// machine shared by other work, the wall times grow with the load and the CPU time much less, so it
// is the better guess at what one quiet Lambda vCPU takes. And the two Lambdas' sizes as deployed:
// the bundle esbuild makes, plus the packages installed beside it and the folders copied with it.
import { readdirSync, readFileSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { build as bundle } from 'esbuild';
import { buildEInvoice } from '#core/einvoice/ubl';
import type { EInvoiceValidator } from '#core/einvoice/validation';
import { functions } from '#infra/catalog';
import { bundlingFor } from '#infra/constructs/bundling';
import { projectRoot } from '#infra/constructs/project';
import { eInvoiceRules } from '#store/einvoice/rules';
import { eInvoiceSchema } from '#store/einvoice/schema';
import { FORTY_LINES, invoiceData } from '#test/fixtures/einvoice/invoice-data';
import { onExit, runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { median, percentile } from '#test/bench/lib/stats';

const RUNS = 20;

/** CPU milliseconds (user + system, every thread) since `from`. */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const BUDGET_MS = 150;

/** Bytes under a file or folder. */
function sizeOf(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** Cold, then RUNS warm: wall and CPU time of one validator on the XML. */
async function measure(name: string, validator: EInvoiceValidator, xml: string, lines: number) {
  const rss = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const cold = await validator.validate(xml);
  const coldMs = performance.now() - t0;
  if (!cold.valid) throw new Error(`the 40-line fixture is not valid: ${JSON.stringify(cold.errors)}`);
  report(`einvoice-${name}-cold`, coldMs, 'ms', null, {
    cpuMs: cpuMs(cpu0),
    rssMb: Math.round((process.memoryUsage().rss - rss) / 1e6),
    lines,
  });
  const total: number[] = [];
  const cpu: number[] = [];
  const stages = { xsd: [] as number[], cen: [] as number[], peppol: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const result = await validator.validate(xml);
    total.push(performance.now() - t);
    cpu.push(cpuMs(c));
    for (const k of ['xsd', 'cen', 'peppol'] as const) stages[k].push(result.ms?.[k] ?? NaN);
  }
  progress(`einvoice-${name} samples (ms): ${total.map((t) => t.toFixed(0)).join(' ')}`);
  return { p50: median(total), p90: percentile(total, 90), cpuMs: median(cpu), stages, coldMs };
}

await runBench('einvoice', async () => {
  const xml = readFileSync(new URL('../fixtures/einvoice/forty-lines.xml', import.meta.url), 'utf8');
  const lines = xml.match(/<cac:InvoiceLine>/g)?.length ?? 0;

  // The XML itself, built from the 40-line deal's render data (core/einvoice/ubl.ts).
  const data = invoiceData({ lines: FORTY_LINES });
  const b0 = performance.now();
  const built = buildEInvoice(data);
  report('einvoice-build-cold', performance.now() - b0, 'ms', null, { bytes: Buffer.byteLength(built.xml), lines: 40 });
  const build: number[] = [];
  for (let i = 0; i < RUNS * 10; i++) {
    const t = performance.now();
    buildEInvoice(data);
    build.push(performance.now() - t);
  }
  report('einvoice-build-warm-p50', median(build), 'ms', null, { p90: percentile(build, 90), runs: RUNS * 10 });

  // In the answer: the XSD (render-einvoice, beside Chromium).
  const xsd = await measure('xsd', eInvoiceSchema, xml, lines);
  report('einvoice-xsd-warm-p50', xsd.p50, 'ms', BUDGET_MS, { p90: xsd.p90, cpuMs: xsd.cpuMs, runs: RUNS });
  report('einvoice-xml-plus-xsd-warm-p50', median(build) + xsd.p50, 'ms', BUDGET_MS, { runs: RUNS });

  // After the answer: the Schematron (validate-einvoice, asynchronously).
  const rules = await measure('schematron', eInvoiceRules, xml, lines);
  report('einvoice-schematron-warm-p50', rules.p50, 'ms', null, {
    p90: rules.p90,
    cen: median(rules.stages.cen),
    peppol: median(rules.stages.peppol),
    cpuMs: rules.cpuMs,
    loadAverage: os.loadavg()[0],
    runs: RUNS,
  });

  // The two Lambdas as deployed: code bundle + packages beside it + folders copied with it.
  const outdir = mkdtempSync(join(os.tmpdir(), 'dossier-bench-einvoice-'));
  onExit(async () => rmSync(outdir, { recursive: true, force: true }));
  for (const fn of functions.filter((f) => f.id === 'render-einvoice' || f.id === 'validate-einvoice')) {
    const bundling = bundlingFor(fn);
    const outfile = join(outdir, fn.id, 'index.mjs');
    await bundle({
      absWorkingDir: projectRoot,
      entryPoints: [resolve(projectRoot, fn.entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: bundling.target,
      mainFields: bundling.mainFields,
      minify: bundling.minify,
      tsconfig: bundling.tsconfig,
      banner: { js: bundling.banner! },
      external: bundling.externalModules,
      logLevel: 'silent',
    });
    const code = statSync(outfile).size;
    const extra = 'bundling' in fn ? fn.bundling : undefined;
    const packages = (extra?.nodeModules ?? []).reduce(
      (sum: number, pkg: string) => sum + sizeOf(join(projectRoot, 'node_modules', pkg)),
      0,
    );
    const folders = Object.values(extra?.folders ?? {}).reduce(
      (sum: number, dir: string) => sum + sizeOf(join(projectRoot, dir)),
      0,
    );
    report(`einvoice-lambda.${fn.id}.unpackedBytes`, code + packages + folders, 'bytes', null, {
      codeBytes: code,
      packageBytes: packages,
      folderBytes: folders,
      nodeModules: extra?.nodeModules ?? [],
      folders: extra?.folders ?? {},
    });
  }
});
