import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TreeProcess {
  pid: number;
  ppid: number;
  command: string;
}

/** Every process descending from `root` (Java runs in its own session, so sessions will not do). */
export function descendants(root: number): TreeProcess[] {
  const all = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, ...command] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), command: command.join(' ') };
    });
  const found: TreeProcess[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const p of all.filter((x) => x.ppid === parent)) {
      found.push(p);
      queue.push(p.pid);
    }
  }
  return found;
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// What the tests of a file started (npmStart's processes, and what a test adds) and the throwaway
// data directories npmStart made: cleanUp ends and removes them, should an assertion fail midway.
let leftovers: number[] = [];
let dataDirs: string[] = [];

/** Remembers processes for cleanUp to end (the tree a test found below `npm start`). */
export const leaveForCleanUp = (pids: number[]): void => void leftovers.push(...pids);

/** Ends every remembered process still alive and removes npmStart's throwaway data directories (for afterEach/afterAll). */
export function cleanUp(): void {
  // The whole tree below each remembered process, found before any is killed: killing `npm` alone
  // orphaned the runtime below it, which went on writing into its data directory (a search index
  // being optimised) while that was removed, and went on running after the suite.
  const tree = leftovers.filter(isAlive).flatMap((pid) => [pid, ...descendants(pid).map((p) => p.pid)]);
  for (const pid of tree) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  leftovers = [];
  for (const dir of dataDirs) removeDataDir(dir);
  dataDirs = [];
}

/** Removes a data directory, retrying while a just-killed process's last writes settle. */
export const removeDataDir = (dir: string): void =>
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });

export interface Started {
  child: ChildProcess;
  dataDir: string;
  output: () => string;
  apiUrl: string;
}

export interface StartOptions {
  /** The data directory to run on (one kept across restarts, the caller's to remove); else a throwaway one. */
  dataDir?: string;
  /** The output that says it is up: the `running at` line unless told. */
  readyWhen?: RegExp;
  timeoutMs?: number;
}

/**
 * `npm start` as a user runs it (with `-- args` when there are any), on a free port and a data
 * directory; resolves once it serves. Its process is remembered for cleanUp from the moment it starts.
 */
export async function npmStart(
  args: string[],
  env: Record<string, string> = {},
  { dataDir = throwawayDataDir(), readyWhen = /running at (http:\/\/\S+)/, timeoutMs = 90_000 }: StartOptions = {},
): Promise<Started> {
  const child = spawn('npm', ['start', ...(args.length ? ['--', ...args] : [])], {
    env: { ...process.env, PORT: '0', DOSSIER_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  leaveForCleanUp([child.pid!]);
  let output = '';
  child.stdout!.on('data', (d) => {
    output += String(d);
  });
  child.stderr!.on('data', (d) => {
    output += String(d);
  });
  const deadline = Date.now() + timeoutMs;
  while (!readyWhen.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, dataDir, output: () => output, apiUrl: /running at (http:\/\/\S+)/.exec(output)![1] };
}

function throwawayDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-signal-'));
  dataDirs.push(dir);
  return dir;
}
