import { afterEach, expect, it } from 'vitest';
import { expectStatus, request } from '#test/support/http-client';
import { cleanUp, descendants, isAlive, leaveForCleanUp, npmStart, type TreeProcess } from './process-tree';

// Chromium talks to the server over a pipe (fds 3 and 4), not a port: when the server's node
// process dies, even by SIGKILL, the pipe closes and Chromium exits with it, as Java does.

afterEach(cleanUp);

const isChromium = (p: TreeProcess) => /chrom/i.test(p.command.split(' ')[0] ?? '');

it('kill -9 of the local server leaves no Chromium running', async () => {
  const started = await npmStart(['--memory']);
  const demoKey = /Demo API key:\s+(\S+)/.exec(started.output())![1]!;
  const tpl = expectStatus(
    await request(started.apiUrl, 'POST', '/v1/templates', {
      key: demoKey,
      body: { name: 'Lifetime', kind: 'other', entity: 'deal', body: '<p>Hello</p>', footer: '<span>F</span>' },
    }),
    201,
  ).body;
  expectStatus(
    await request(started.apiUrl, 'POST', `/v1/templates/${tpl.id}/preview`, {
      key: demoKey,
      body: { sampleData: {}, format: 'pdf' },
    }),
    200,
  );
  const tree = descendants(started.child.pid!);
  leaveForCleanUp(tree.map((p) => p.pid));
  const chromium = tree.filter(isChromium);
  expect(chromium.length, JSON.stringify(tree)).toBeGreaterThan(0);
  const server = tree.find((p) => p.command.includes('infra/local/main.ts') && p.command.includes('--import'));
  expect(server, JSON.stringify(tree)).toBeDefined();

  process.kill(server!.pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (chromium.some((p) => isAlive(p.pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(chromium.filter((p) => isAlive(p.pid))).toEqual([]);
}, 180_000);
