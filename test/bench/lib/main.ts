// Each *.bench.ts is its own process (run.ts spawns them), so module-level caches never leak
// between benches; a crash exits non-zero, a missed budget does not.
import { progress } from '#test/bench/lib/report';

const cleanups = new Set<() => Promise<void>>();

/** Registers something to stop even when the bench is interrupted (Ctrl-C, SIGTERM from run.ts). */
export function onExit(cleanup: () => Promise<void>): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

async function cleanupAll(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) await cleanup().catch((e) => progress(`cleanup failed: ${String(e)}`));
  cleanups.clear();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

export async function runBench(name: string, body: () => Promise<void>): Promise<never> {
  const started = performance.now();
  let code = 0;
  try {
    await body();
  } catch (e) {
    code = 1;
    progress(`${name} crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    await cleanupAll();
  }
  progress(`${name} ${code ? 'failed' : 'done'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Keep-alive sockets and SDK agents must not hold the process open once the figures are out.
  process.exit(code);
}
