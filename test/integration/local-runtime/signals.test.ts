import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, descendants, isAlive, leaveForCleanUp, npmStart, type TreeProcess } from './process-tree';

// Whichever process of `npm start` gets the signal, the whole tree must go, Java included.
// npm → sh -c → tsx → node (main.ts) → sh (die-with-parent) → java.

// Only what this test started, should an assertion have failed midway.
afterEach(cleanUp);

async function goneWithin(tree: TreeProcess[], ms: number): Promise<TreeProcess[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const alive = tree.filter((p) => isAlive(p.pid));
    if (!alive.length || Date.now() > deadline) return alive;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cases: Array<{ signal: NodeJS.Signals; target: string; pick: (npmPid: number, tree: TreeProcess[]) => number }> =
  [
    { signal: 'SIGTERM', target: 'npm (the outermost process)', pick: (npm) => npm },
    {
      signal: 'SIGHUP',
      target: 'the sh -c shell npm runs',
      pick: (npm, tree) => tree.find((p) => p.ppid === npm && /^sh\b|\/sh\b/.test(p.command))!.pid,
    },
    {
      signal: 'SIGINT',
      target: 'the node process running main.ts',
      pick: (_, tree) =>
        tree.find((p) => p.command.includes('infra/local/main.ts') && p.command.includes('--import'))!.pid,
    },
  ];

describe('npm start stops completely from any signal', () => {
  it.each(cases)(
    '$signal to $target stops everything, Java included, and logs "stopping"',
    async ({ signal, pick }) => {
      const started = await npmStart(['--memory']);
      const npmPid = started.child.pid!;
      const tree = [{ pid: npmPid, ppid: process.pid, command: 'npm start' }, ...descendants(npmPid)];
      leaveForCleanUp(tree.map((p) => p.pid));
      expect(
        tree.some((p) => p.command.startsWith('java')),
        JSON.stringify(tree),
      ).toBe(true);

      const sentAt = performance.now();
      process.kill(pick(npmPid, tree), signal);
      const alive = await goneWithin(tree, 8000);
      const took = performance.now() - sentAt;

      expect(alive, started.output()).toEqual([]);
      expect(started.output()).toMatch(/stopping Dossier/);
      console.log(JSON.stringify({ name: `stop after ${signal}`, value: Math.round(took), unit: 'ms' }));
    },
    120_000,
  );
});

describe('npm start -- --memory when DynamoDB Local dies', () => {
  it('stops everything and exits non-zero with the reason (its data is gone, a restart would serve an empty table)', async () => {
    const started = await npmStart(['--memory']);
    const tree = [
      { pid: started.child.pid!, ppid: process.pid, command: 'npm start' },
      ...descendants(started.child.pid!),
    ];
    leaveForCleanUp(tree.map((p) => p.pid));
    const java = tree.find((p) => p.command.startsWith('java'));
    expect(java, JSON.stringify(tree)).toBeDefined();
    const exit = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
    process.kill(java!.pid, 'SIGKILL');
    const code = await Promise.race([exit, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    expect(code, started.output()).not.toBe('timeout');
    expect(code, started.output()).not.toBe(0);
    expect(started.output()).toMatch(/Dossier stopped: DynamoDB Local exited \(exit code 137.*in memory/);
    expect(await goneWithin(tree, 5000), started.output()).toEqual([]);
  }, 120_000);
});
