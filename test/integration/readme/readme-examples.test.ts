import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, npmStart, removeDataDir } from '../local-runtime/process-tree';
import { blockSeconds, lastBlock, script, shellBlocks, type ShellBlock } from './shell-blocks';

// Every runnable example of the README runs here, in order, in one bash session, against the
// product as `npm start` runs it (its own runtime on a throwaway data directory, so the examples'
// `./.dossier/local.json` is the one it wrote). An example checks its own answers (`curl -f`, an
// `until` loop with a bound, a comparison): a README example that stops working fails this test.

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
/** The whole README's run, start-up excluded; a block that hangs fails it rather than the suite. */
const RUN_MS = 55_000;

const home = mkdtempSync(join(tmpdir(), 'dossier-readme-'));
let apiUrl = '';

beforeAll(async () => {
  mkdirSync(join(home, '.dossier'));
  ({ apiUrl } = await npmStart([], {}, { dataDir: join(home, '.dossier') }));
}, 120_000);
afterAll(() => {
  cleanUp();
  removeDataDir(home);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The blocks as one bash script in the reader's working directory, stopped after RUN_MS. */
function run(blocks: ShellBlock[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script(blocks)], { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function explain(blocks: ShellBlock[], result: Run): string {
  const line = lastBlock(result.stderr);
  const block = blocks.find((b) => b.line === line);
  const tail = (s: string) => s.split('\n').slice(-30).join('\n').slice(-4000);
  return [
    `the README example at line ${line} failed (exit ${result.code ?? 'killed after ' + RUN_MS + ' ms'}):`,
    block?.code ?? '',
    `seconds per block (README line: s): ${blockSeconds(result.stderr)
      .map((b) => `${b.line}: ${b.seconds}`)
      .join(', ')}`,
    '--- stdout (end) ---',
    tail(result.stdout),
    '--- stderr (end) ---',
    tail(result.stderr),
  ].join('\n');
}

describe('README examples', () => {
  it('finds the runnable examples of every part of the README', () => {
    expect(shellBlocks(README).length).toBeGreaterThanOrEqual(10);
  });

  it('run in order against npm start, each answered as the README says', async () => {
    const blocks = shellBlocks(README);
    const result = await run(blocks);
    expect(result.code, explain(blocks, result)).toBe(0);
    expect(result.stderr).toMatch(/^::done /m);
    console.log(JSON.stringify({ name: 'readme-examples', value: blockSeconds(result.stderr), unit: 's per block' }));
  }, 60_000);

  it('fail on an example the API refuses, naming its line', async () => {
    const broken = [
      ...shellBlocks(README).slice(0, 1),
      { line: 9999, code: 'curl -fsS "$API/v1/companies/com_01JAAAAAAAAAAAAAAAAAAAAAAA" -H "$AUTH"' },
    ];
    const result = await run(broken);
    expect(result.code).not.toBe(0);
    expect(lastBlock(result.stderr)).toBe(9999);
    expect(result.stderr).toMatch(/404/);
    expect(apiUrl).toMatch(/^http:/);
  }, 60_000);
});
