import { execFileSync } from 'node:child_process';

// `npm start` is npm → sh -c → tsx → node (this process). A SIGTERM to npm ends npm and the shell
// but tsx only relays signals it receives itself, so this process would live on as an orphan with
// its Java child. Instead it watches every process between itself and npm, and stops as soon as
// one of them is gone, whatever signal (or SIGKILL) ended it.

const POLL_MS = 250;
const MAX_DEPTH = 4;

function parentAndCommand(pid: number): { ppid: number; command: string } | undefined {
  try {
    const [ppid, ...command] = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    return { ppid: Number(ppid), command: command.join(' ') };
  } catch {
    return undefined;
  }
}

/** The launching processes to watch: up to and including npm when npm started us, else just the parent. */
export function launchers(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < MAX_DEPTH && pid > 1; depth++) {
    const info = parentAndCommand(pid);
    if (!info) break;
    chain.push(pid);
    if (/(^|[/\s])npm(-cli\.js)?(\s|$)/.test(info.command)) return chain;
    pid = info.ppid;
  }
  return [process.ppid];
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Calls `onOrphaned` once, when a launcher exits or this process is re-parented. */
export function watchLaunchers(onOrphaned: (why: string) => void): () => void {
  const watched = launchers();
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = watched.find((pid) => !alive(pid));
    if (gone === undefined && process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned(gone === undefined ? 'parent process exited' : `launching process ${gone} exited`);
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
