import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, descendants, isAlive, leaveForCleanUp, npmStart, type TreeProcess } from './process-tree';
import { eventually } from '#test/support/eventually';
import { expectStatus, request } from '#test/support/http-client';

// `kill -9` of the server mid-generation left jobs `running` forever, a number
// `taken`, and an unnamed document.pdf linked to the deal and counted in usage. Here the whole
// product runs as `npm start` on one data directory; RENDER_PAUSES holds every render at a chosen
// point, the server is killed there, and after the last restart the scheduled sweeper must end
// every job from what is stored.

const dataDir = mkdtempSync(join(tmpdir(), 'dossier-render-crash-'));
afterAll(() => {
  // Only what this file started, should an assertion have failed midway.
  cleanUp();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Server {
  apiUrl: string;
  adminKey: string;
  npmPid: number;
  output: () => string;
}

/** `npm start` on the shared data directory; every process of its tree is remembered for clean-up. */
async function start(env: Record<string, string>): Promise<Server> {
  const ADMIN_KEY = /Admin key:\s+(\S+)/;
  const server = await npmStart(
    [],
    {
      // Every job is overdue a second after it starts; the sweeper runs only where a test says.
      RENDER_JOB_DEADLINE_MS: '1000',
      DOSSIER_SCHEDULE_MS: '3600000',
      // The render task's pause line is a warning; vitest's own setting would silence it.
      POWERTOOLS_LOG_LEVEL: 'WARN',
      ...env,
    },
    { dataDir, readyWhen: ADMIN_KEY },
  );
  return {
    apiUrl: server.apiUrl,
    adminKey: ADMIN_KEY.exec(server.output())![1],
    npmPid: server.child.pid!,
    output: server.output,
  };
}

/** The job ids paused at `point`, from the render task's warning line. */
function pausedAt(server: Server, point: string): string[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.includes('render paused') && l.includes(`"point":"${point}"`))
    .map((l) => /"jobId":"(job_\w+)"/.exec(l)![1]);
}

/** How this file waits on a whole `npm start` runtime: slowly, and long. */
const POLL = { timeoutMs: 60_000, intervalMs: 200 };

/** kill -9 of the node process serving the API (main.ts), then whatever of its tree outlives it. */
async function crash(server: Server): Promise<void> {
  const tree: TreeProcess[] = [
    { pid: server.npmPid, ppid: process.pid, command: 'npm start' },
    ...descendants(server.npmPid),
  ];
  leaveForCleanUp(tree.map((p) => p.pid));
  const main = tree.find((p) => p.command.includes('infra/local/main.ts') && p.command.includes('--import'));
  expect(main, JSON.stringify(tree)).toBeDefined();
  process.kill(main!.pid, 'SIGKILL');
  // Java follows its parent within a second or two; give it that, then end any survivor we started.
  await eventually(() => (tree.some((p) => isAlive(p.pid) && /java/.test(p.command)) ? undefined : true), {
    ...POLL,
    timeoutMs: 15_000,
    label: 'the tree to stop',
  }).catch(() => undefined);
  for (const p of tree) if (isAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
}

/** Object files s3rver keeps under the tenant's prefix (its on-disk store: <key>._S3rver_object). */
function objectsOf(tenantId: string): Array<{ key: string; bytes: number }> {
  const root = join(dataDir, 's3', 'dossier-documents');
  const found: Array<{ key: string; bytes: number }> = [];
  const walk = (dir: string) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('._S3rver_object'))
        found.push({ key: path.slice(root.length + 1, -'._S3rver_object'.length), bytes: statSync(path).size });
    }
  };
  walk(join(root, 't', tenantId));
  return found;
}

describe('render jobs cut off by kill -9 of the server', () => {
  it('all end after a restart, from what is stored: registered ones succeed, the rest are undone; no number taken, usage exact, no orphan object', async () => {
    // Run 1: a numbered PDF and an unnumbered HTML generation, both held before their HTML step:
    // upload reserved (pending, no object), and for the first a number taken.
    let server = await start({ RENDER_PAUSES: JSON.stringify({ 'before:renderHtml': 600_000 }) });
    const api = (method: string, path: string, key: string, body?: unknown) =>
      request(server.apiUrl, method, path, { key, body });
    const tenant = expectStatus(
      await api('POST', '/v1/admin/tenants', server.adminKey, { name: 'Crash Co', plan: 'standard', seats: 5 }),
      201,
    ).body;
    const tenantId = tenant.tenant.id as string;
    const key = tenant.apiKey.secret as string;
    const seq = expectStatus(
      await api('POST', '/v1/sequences', key, { name: 'Offers', prefix: 'K-', padding: 4 }),
      201,
    ).body;
    const numbered = expectStatus(
      await api('POST', '/v1/templates', key, { fromBuiltin: 'offer', name: 'Numbered offer' }),
      201,
    ).body;
    expectStatus(await api('PATCH', `/v1/templates/${numbered.id}`, key, { sequenceId: seq.id }), 200);
    const plain = expectStatus(
      await api('POST', '/v1/templates', key, { fromBuiltin: 'offer', name: 'Plain offer' }),
      201,
    ).body;
    const deal = expectStatus(
      await api('POST', '/v1/deals', key, {
        title: 'Crash deal',
        currency: 'EUR',
        lineItems: [{ name: 'Work', quantity: 1, unitPrice: 100, taxRate: 20 }],
      }),
      201,
    ).body;
    const generate = (templateId: string, format: 'pdf' | 'html') =>
      // The server dies under this request: its answer never comes.
      void api('POST', '/v1/documents/generate', key, {
        templateId,
        record: { entity: 'deal', id: deal.id },
        format,
      }).catch(() => undefined);

    generate(numbered.id, 'pdf');
    generate(plain.id, 'html');
    const [heldBeforeHtml1, heldBeforeHtml2] = await eventually(
      () => {
        const ids = pausedAt(server, 'before:renderHtml');
        return ids.length === 2 ? ids : undefined;
      },
      { ...POLL, label: 'two renders paused before HTML' },
    );
    await crash(server);

    // Run 2: a numbered PDF held before register: the PDF is stored, and the upload finaliser has
    // already made it a document (an unnamed document.pdf on the deal, counted in usage).
    server = await start({ RENDER_PAUSES: JSON.stringify({ 'before:register': 600_000 }) });
    generate(numbered.id, 'pdf');
    const [heldBeforeRegister] = await eventually(
      () => {
        const ids = pausedAt(server, 'before:register');
        return ids.length ? ids : undefined;
      },
      { ...POLL, label: 'a render paused before register' },
    );
    const unnamed = await eventually(
      async () => {
        const docs = expectStatus(await api('GET', `/v1/deals/${deal.id}/documents`, key), 200).body.items;
        return docs.length === 1 ? docs[0] : undefined;
      },
      { ...POLL, label: 'the finaliser to file the unregistered output' },
    );
    expect(unnamed.generated).toBeUndefined();
    expect(expectStatus(await api('GET', '/v1/tenant/usage', key), 200).body.documents).toBe(1);
    await crash(server);

    // Run 3: a numbered HTML generation cut off inside register, after its document was named,
    // before its number was issued and the job finished.
    server = await start({ RENDER_PAUSES: JSON.stringify({ 'register:named': 600_000 }) });
    generate(numbered.id, 'html');
    const [heldAfterSave] = await eventually(
      () => {
        const ids = pausedAt(server, 'register:named');
        return ids.length ? ids : undefined;
      },
      { ...POLL, label: 'a render paused after its document was registered' },
    );
    await crash(server);

    // Run 4: no pauses, the sweeper every half second.
    server = await start({ DOSSIER_SCHEDULE_MS: '500' });
    const restarted = performance.now();
    const all = [heldBeforeHtml1, heldBeforeHtml2, heldBeforeRegister, heldAfterSave];
    const jobs = await eventually(
      async () => {
        const read = await Promise.all(
          all.map(async (id) => expectStatus(await api('GET', `/v1/jobs/${id}`, key), 200).body),
        );
        return read.every((j) => j.status !== 'running') ? read : undefined;
      },
      { ...POLL, label: 'every job to end' },
    );
    console.log(
      JSON.stringify({
        name: 'render jobs ended after restart (sweeper every 500 ms)',
        value: Math.round(performance.now() - restarted),
        unit: 'ms',
      }),
    );
    const byId = Object.fromEntries(jobs.map((j) => [j.id, j]));
    for (const id of [heldBeforeHtml1, heldBeforeHtml2, heldBeforeRegister])
      expect(byId[id], id).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
    expect(byId[heldAfterSave]).toMatchObject({ status: 'succeeded', number: expect.stringMatching(/^K-\d{4}$/) });

    // Numbers: one per numbered job, none left taken; only the registered document's is issued.
    const numbers = expectStatus(await api('GET', `/v1/sequences/${seq.id}/numbers`, key), 200).body.items;
    expect(numbers.map((n: { status: string }) => n.status).sort()).toEqual(['issued', 'void', 'void']);
    expect(numbers.find((n: { status: string }) => n.status === 'issued')).toMatchObject({
      number: byId[heldAfterSave].number,
      jobId: heldAfterSave,
      documentId: byId[heldAfterSave].documentId,
    });

    // Documents and usage: only the registered document, counted exactly; nothing reserved.
    const docs = expectStatus(await api('GET', `/v1/deals/${deal.id}/documents`, key), 200).body.items;
    expect(docs.map((d: { id: string }) => d.id)).toEqual([byId[heldAfterSave].documentId]);
    expect(docs[0].generated).toMatchObject({ jobId: heldAfterSave, number: byId[heldAfterSave].number });
    const usage = expectStatus(await api('GET', '/v1/tenant/usage', key), 200).body;
    expect(usage).toMatchObject({ usedBytes: docs[0].size, reservedBytes: 0, documents: 1 });

    // The bucket: the registered document's bytes and nothing else (no scratch, no orphan output).
    expect(objectsOf(tenantId).map((o) => o.bytes)).toEqual([docs[0].size]);
    await crash(server);
  }, 400_000);
});
