import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

// Compiles the vendored Schematron (einvoice/artefacts/) to SaxonJS SEF files in einvoice/compiled/,
// which are committed: CI and the Lambda only run them, never compile or fetch anything.
//   npx tsx einvoice/compile.ts           compile, write the SEFs and manifest.json
//   npx tsx einvoice/compile.ts --check   compile into a temporary folder and compare with the committed ones
// Schematron → XSLT with SchXslt's XSLT 2.0 pipeline run by xslt3, then XSLT → SEF with xslt3 -export.
// It takes one to two minutes (the Peppol and CEN stylesheets are large), hence committed output.

export const ROOT = resolve(import.meta.dirname, '..');
const ARTEFACTS = join(ROOT, 'einvoice/artefacts');
export const COMPILED = join(ROOT, 'einvoice/compiled');
const SCHXSLT = join(ARTEFACTS, 'schxslt-1.10.1');
const XSLT3 = join(ROOT, 'node_modules/.bin/xslt3');
const WORK = '/tmp/dossier-einvoice-compile';
/**
 * metadata off: SchXslt would otherwise stamp the compile time into the stylesheet and a
 * current-dateTime() into every report, so two compiles would differ and each run do more.
 * compact SVRL: no svrl:fired-rule, svrl:active-pattern or suppressed-rule, which the validator never
 * reads (it reads failed asserts and successful reports only) and which a 40-line invoice has by the hundred.
 */
const SCHXSLT_PARAMETERS = ['?schxslt.compile.metadata=false()', '?schxslt.svrl.compact=true()'];

/** The rule sets, in the order they run: the name is the SEF's file name in einvoice/compiled/. */
export const SCHEMATRONS = [
  { name: 'cen-en16931-ubl', source: 'einvoice/artefacts/peppol-bis-billing-3.0.19/CEN-EN16931-UBL.sch' },
  { name: 'peppol-en16931-ubl', source: 'einvoice/artefacts/peppol-bis-billing-3.0.19/PEPPOL-EN16931-UBL.sch' },
] as const;

export interface Manifest {
  /** sha256 of every input the SEFs are made from: the .sch files, SchXslt's stylesheets, xslt3's version. */
  inputs: Record<string, string>;
  /** sha256 of each SEF with its build time and checksum left out (xslt3 stamps the time it ran). */
  outputs: Record<string, string>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    })
    .sort();
}

/** What the SEFs depend on, hashed: a change to any of them must come with a recompile. */
export function inputHashes(): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const s of SCHEMATRONS) inputs[s.source] = sha256(readFileSync(join(ROOT, s.source)));
  for (const f of files(SCHXSLT).filter((f) => f.endsWith('.xsl'))) inputs[relative(ROOT, f)] = sha256(readFileSync(f));
  const xslt3 = JSON.parse(readFileSync(join(ROOT, 'node_modules/xslt3/package.json'), 'utf8')) as { version: string };
  inputs['xslt3'] = xslt3.version;
  inputs['parameters'] = SCHXSLT_PARAMETERS.join(' ');
  return inputs;
}

/** A SEF's hash without what changes from one run to the next (buildDateTime, and the checksum Σ covering it). */
export function sefHash(text: string): string {
  const { buildDateTime: _time, Σ: _sum, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return sha256(JSON.stringify(rest));
}

function compileInto(out: string): Manifest {
  const outputs: Record<string, string> = {};
  // A fixed folder, not a random one: xslt3 writes the stylesheet's location into the SEF (the base
  // URI of its document constructors), so a random name would make every compile differ.
  const work = WORK;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    for (const s of SCHEMATRONS) {
      const xsl = join(work, `${s.name}.xsl`);
      const sef = join(out, `${s.name}.sef.json`);
      execFileSync(
        XSLT3,
        [
          `-xsl:${join(SCHXSLT, 'pipeline-for-svrl.xsl')}`,
          `-s:${join(ROOT, s.source)}`,
          `-o:${xsl}`,
          ...SCHXSLT_PARAMETERS,
        ],
        { stdio: 'inherit' },
      );
      // Relocatable: the SEF names no path of this machine, so it runs from wherever it is installed.
      execFileSync(XSLT3, [`-xsl:${xsl}`, `-export:${sef}`, '-nogo', '-relocate:on'], { stdio: 'inherit' });
      outputs[`${s.name}.sef.json`] = sefHash(readFileSync(sef, 'utf8'));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { inputs: inputHashes(), outputs };
}

function main(): void {
  if (process.argv.includes('--check')) {
    const out = mkdtempSync(join(tmpdir(), 'einvoice-sef-'));
    try {
      const fresh = compileInto(out);
      const committed = JSON.parse(readFileSync(join(COMPILED, 'manifest.json'), 'utf8')) as Manifest;
      const same = JSON.stringify(fresh) === JSON.stringify(committed);
      console.log(JSON.stringify({ name: 'einvoice-compile-check', same, fresh, committed }, null, 2));
      if (!same) process.exitCode = 1;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    return;
  }
  const manifest = compileInto(COMPILED);
  writeFileSync(join(COMPILED, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(JSON.stringify({ name: 'einvoice-compile', ...manifest.outputs }));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
