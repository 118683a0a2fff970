// `npm run bench [-- name ...]`: each bench in its own process, one after the other (they would
// only measure each other if run together). Missed budgets are figures; only a crash fails the run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { report } from '#test/bench/lib/report';
import { round } from '#test/bench/lib/stats';
import { projectRoot } from '#infra/constructs/project';

const root = projectRoot;
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const BENCHES = [
  'bundles',
  'start',
  'tenant',
  'records',
  'list-cost',
  'contention',
  'documents',
  'templates',
  'generation',
  'pdf-tagging',
  'template-checks',
  'einvoice',
  'approvals',
  'client-page',
  'conversion',
  'intake',
  'sending',
  'pages',
];
// Run only when named (`npm run bench -- events`, `-- events-crash`, `-- search`): each scenario alone takes
// minutes, past the whole run's budget.
const ALONE = ['events', 'events-crash', 'search'];
const TOTAL_BUDGET_S = 600;

const asked = process.argv.slice(2).filter((a) => a !== '--');
const unknown = asked.filter((a) => !BENCHES.includes(a) && !ALONE.includes(a));
if (unknown.length) {
  process.stderr.write(`Unknown bench ${unknown.join(', ')}; choose from ${[...BENCHES, ...ALONE].join(', ')}.\n`);
  process.exit(2);
}
const chosen = asked.length ? [...BENCHES, ...ALONE].filter((b) => asked.includes(b)) : BENCHES;

let current: ReturnType<typeof spawn> | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // The bench stops its own runtime (Java included) on the signal; wait for it rather than orphan it.
  process.on(signal, () => {
    current?.kill(signal);
  });
}

function runOne(name: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsxCli, join(root, 'test', 'bench', `${name}.bench.ts`)], {
      cwd: root,
      // The handlers' logger reads its level when first used, which can be before a bench sets it.
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'CRITICAL' },
      stdio: 'inherit',
    });
    current = child;
    child.once('exit', (code, signal) => {
      current = undefined;
      done(code ?? (signal ? 1 : 0));
    });
  });
}

const started = performance.now();
const results: Array<{ bench: string; exitCode: number; seconds: number }> = [];
for (const bench of chosen) {
  const t = performance.now();
  const exitCode = await runOne(bench);
  results.push({ bench, exitCode, seconds: round((performance.now() - t) / 1000, 1) });
}
const crashed = results.filter((r) => r.exitCode !== 0).map((r) => r.bench);
report(
  'bench.totalRunTime',
  (performance.now() - started) / 1000,
  's',
  chosen.length === BENCHES.length ? TOTAL_BUDGET_S : null,
  { benches: results, crashed },
);
process.exit(crashed.length ? 1 : 0);
