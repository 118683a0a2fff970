import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED, inputHashes, sefHash, SCHEMATRONS, type Manifest } from '../../../../einvoice/compile';

// The SEFs the validator runs are committed (compiling takes one to two minutes, so no test run does it).
// The manifest beside them records what they were compiled from and what came out: a changed .sch,
// SchXslt file or xslt3 version without `npm run einvoice:compile`, or a SEF edited by hand, fails here.
// `npx tsx einvoice/compile.ts --check` recompiles and compares, for when the doubt is the compile itself.
const manifest = JSON.parse(readFileSync(join(COMPILED, 'manifest.json'), 'utf8')) as Manifest;

describe('the committed compiled rules', () => {
  it('were compiled from the committed Schematron, SchXslt and xslt3', () => {
    expect(inputHashes()).toEqual(manifest.inputs);
  });

  it.each(SCHEMATRONS.map((s) => s.name))('%s.sef.json is what the compile wrote', (name) => {
    const file = `${name}.sef.json`;
    expect(sefHash(readFileSync(join(COMPILED, file), 'utf8'))).toBe(manifest.outputs[file]);
  });
});
