// `npm start` from spawn to ready: local.json written and GET /health answering 200.
// A first start (creates the demo tenant), then restarts on the same data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '#infra/local/ports';
import { onExit, runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { median, round } from '#test/bench/lib/stats';
import { projectRoot } from '#infra/constructs/project';

const root = projectRoot;
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const READY_BUDGET_MS = 15_000;
const READY_TIMEOUT_MS = 120_000;
const RESTARTS = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Started {
  child: ChildProcess;
  readyMs: number;
  tenantId: string;
  output: () => string;
}

/** main.ts's own "ready in N s": the rest of spawn-to-ready is Node, tsx and module loading. */
const selfReportedMs = (output: string): number | undefined => {
  const m = /ready in ([\d.]+) s/.exec(output);
  return m ? Number(m[1]) * 1000 : undefined;
};

function readLocalJson(path: string): { apiUrl?: string; demo?: { tenantId: string } } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function start(dataDir: string): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DOSSIER_DATA_DIR: dataDir,
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  };
  delete env.DOSSIER_MEMORY;
  delete env.DOSSIER_ADMIN_KEY;
  const started = performance.now();
  // What `npm start` runs (tsx infra/local/main.ts), minus npm's own start-up.
  const child = spawn(process.execPath, [tsxCli, 'infra/local/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += String(d);
  });
  child.stderr!.on('data', (d) => {
    output += String(d);
  });
  onExit(() => stop(child).then(() => undefined));
  const localJson = join(dataDir, 'local.json');
  while (performance.now() - started < READY_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    // Restarts find the previous local.json: only one naming this start's port counts.
    const saved = existsSync(localJson) ? readLocalJson(localJson) : undefined;
    if (saved?.apiUrl?.endsWith(`:${port}`) && saved.demo && (await healthy(port))) {
      return { child, readyMs: performance.now() - started, tenantId: saved.demo.tenantId, output: () => output };
    }
    await sleep(50);
  }
  throw new Error(`npm start not ready after ${READY_TIMEOUT_MS} ms:\n${output.slice(-3000)}`);
}

/** SIGTERM, as Ctrl-C or a process manager would; SIGKILL only if it will not go. */
async function stop(child: ChildProcess): Promise<{ stopMs: number; forced: boolean }> {
  if (child.exitCode !== null || child.signalCode !== null) return { stopMs: 0, forced: false };
  const started = performance.now();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(20_000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
  return { stopMs: performance.now() - started, forced: timedOut };
}

/** Java processes whose command line names this data directory (DynamoDB Local's -dbPath). */
function javaFrom(dataDir: string): number[] {
  const found = spawnSync('pgrep', ['-f', dataDir], { encoding: 'utf8' });
  return found.stdout
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('java');
      } catch {
        return false;
      }
    });
}

await runBench('start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-bench-start-'));
  onExit(async () => rmSync(dataDir, { recursive: true, force: true }));
  const runs: Array<{
    readyMs: number;
    selfMs?: number;
    stopMs: number;
    forced: boolean;
    tenantId: string;
    orphanedJava: number;
  }> = [];
  for (let i = 0; i <= RESTARTS; i++) {
    const s = await start(dataDir);
    const stopped = await stop(s.child);
    // The runtime stops Java before exiting; give the kernel a moment to reap it before looking.
    let orphans = javaFrom(dataDir);
    for (let wait = 0; orphans.length && wait < 20; wait++) {
      await sleep(250);
      orphans = javaFrom(dataDir);
    }
    for (const pid of orphans) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    runs.push({
      readyMs: s.readyMs,
      selfMs: selfReportedMs(s.output()),
      stopMs: stopped.stopMs,
      forced: stopped.forced,
      tenantId: s.tenantId,
      orphanedJava: orphans.length,
    });
    progress(
      `${i ? 'restart' : 'first start'}: ready in ${(s.readyMs / 1000).toFixed(1)} s, stopped in ${(stopped.stopMs / 1000).toFixed(1)} s, demo tenant ${s.tenantId}, orphaned java ${orphans.length}`,
    );
  }
  const [first, ...restarts] = runs;
  const orphanedJava = runs.reduce((n, r) => n + r.orphanedJava, 0);
  const sameTenant = restarts.every((r) => r.tenantId === first.tenantId);
  report('start.first.readyMs', first.readyMs, 'ms', READY_BUDGET_MS, {
    runtimeReportedMs: first.selfMs,
    stopMs: round(first.stopMs),
    forcedKill: first.forced,
    orphanedJava: first.orphanedJava,
    note: 'creates the demo tenant',
  });
  report('start.restart.readyMs', median(restarts.map((r) => r.readyMs)), 'ms', READY_BUDGET_MS, {
    runs: restarts.map((r) => round(r.readyMs)),
    runtimeReportedMs: restarts.map((r) => r.selfMs),
    stopMs: restarts.map((r) => round(r.stopMs)),
    forcedKill: restarts.some((r) => r.forced),
    demoTenantKept: sameTenant,
    orphanedJava: restarts.reduce((n, r) => n + r.orphanedJava, 0),
  });
  report('start.demoTenantRecreated', sameTenant ? 0 : 1, 'restarts', 0, { tenantIds: runs.map((r) => r.tenantId) });
  report('start.orphanedJava', orphanedJava, 'processes', 0, { starts: runs.length });
});
