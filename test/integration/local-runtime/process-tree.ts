import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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

export interface Started {
  child: ChildProcess;
  dataDir: string;
  output: () => string;
  apiUrl: string;
}

/** `npm start` as a user runs it, on a free port and a throwaway data directory; resolves once it serves. */
export async function npmStart(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-signal-'));
  const child = spawn('npm', ['start', '--', ...args], {
    env: { ...process.env, PORT: '0', DOSSIER_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += String(d);
  });
  child.stderr!.on('data', (d) => {
    output += String(d);
  });
  const deadline = Date.now() + timeoutMs;
  while (!/running at (http:\/\/\S+)/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, dataDir, output: () => output, apiUrl: /running at (http:\/\/\S+)/.exec(output)![1] };
}
