import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shellBlocks } from '../../integration/readme/shell-blocks';

// The README's table of contents is written by hand; this keeps it true to the headings below it,
// and every example block closed and runnable or tagged `no-test`.

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- ]/gu, '')
    .replace(/ /g, '-');

/** The `##` and `###` headings outside code blocks, as `- [name](#anchor)` lines of a contents list. */
function headings(markdown: string): string[] {
  let inCode = false;
  const found: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^(`{3,}|~{3,})/.test(line)) inCode = !inCode;
    const m = !inCode && /^(##|###) (.+)$/.exec(line);
    if (m && m[2] !== 'Contents') found.push(`${m[1] === '##' ? '' : '  '}- [${m[2]}](#${anchor(m[2])})`);
  }
  return found;
}

describe('README', () => {
  it('lists every section in its table of contents, in order, with working anchors', () => {
    const contents = /## Contents\n\n((?:\s*- .+\n)+)/.exec(README);
    expect(contents, 'a "## Contents" list').not.toBeNull();
    expect(contents![1].trimEnd().split('\n')).toEqual(headings(README));
  });

  it('tags every shell block that cannot run in a test, and closes every block', () => {
    const fences = README.split('\n').filter((l) => /^```sh\b/.test(l));
    expect(fences.length).toBeGreaterThan(shellBlocks(README).length);
    for (const block of shellBlocks(README))
      expect(block.code, `block at line ${block.line}`).not.toMatch(/npm (install|start|test)\b|cdk deploy/);
  });
});
