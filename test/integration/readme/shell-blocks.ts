// The README's runnable examples: every fenced block whose info string is `sh` and not tagged
// `no-test` (```sh no-test marks what cannot run in a test: installing, deploying, `npm start` itself).

export interface ShellBlock {
  /** The README line of the opening fence, for the failure message. */
  line: number;
  code: string;
}

export function shellBlocks(markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [fence, info] = [open[1], open[2].trim().split(/\s+/)];
    const end = lines.findIndex((l, j) => j > i && l.trim() === fence);
    if (end < 0) throw new Error(`README line ${i + 1}: the code fence is never closed`);
    if (info[0] === 'sh' && !info.includes('no-test')) {
      blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return blocks;
}

/**
 * One bash script for all blocks, run in order in one session as a reader pastes them (variables
 * and files of one block are there for the next). Each block is announced on stderr first, with
 * the time (bash's EPOCHREALTIME, no fork), so a failure names the block that failed and how long
 * each took; `set -eo pipefail` stops at the first failing command.
 */
export function script(blocks: ShellBlock[]): string {
  return [
    'set -eo pipefail',
    ...blocks.flatMap((b) => [`echo "::block ${b.line} $EPOCHREALTIME" >&2`, b.code]),
    'echo "::done $EPOCHREALTIME" >&2',
  ].join('\n');
}

/** The README line of the block that was running when the script stopped. */
export function lastBlock(stderr: string): number | undefined {
  const marks = [...stderr.matchAll(/^::block (\d+) /gm)];
  return marks.length ? Number(marks[marks.length - 1][1]) : undefined;
}

/** Seconds each block took, by README line, as far as the script got. */
export function blockSeconds(stderr: string): Array<{ line: number; seconds: number }> {
  const marks = [...stderr.matchAll(/^::(?:block (\d+)|done) ([\d.]+)$/gm)];
  return marks.slice(0, -1).map((m, i) => ({
    line: Number(m[1]),
    seconds: Math.round((Number(marks[i + 1][2]) - Number(m[2])) * 10) / 10,
  }));
}
