// Webhook delivery across a crash: `npm start`'s process (infra/local/main.ts, with a data dir) is
// killed with SIGKILL once, halfway through N changes (EVENTS_CRASH_COUNT, default 2,000), and
// started again on the same data dir. A receiver fails 30 % of first attempts at random. Counted:
// every event the feed (GET /v1/events) says committed is delivered with a 2xx; duplicates after a
// 2xx (a kill between the receiver's answer and the log is the one way at-least-once shows);
// versions out of order per resource. A change whose answer the kill cut off is sent again with its
// Idempotency-Key, as a client would (after the Retry-After of a 409 while the key's claim by the
// killed process lasts), so it commits once.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetConfig } from '#config';
import { projectRoot } from '#infra/constructs/project';
import { resetDocumentClient } from '#store/dynamo/client';
import { createTenant } from '#test/bench/lib/http';
import { onExit, runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { deliveredIds, deliveryCounts, hurryRetries, receiver } from '#test/bench/lib/webhooks';
import { request, type ApiResponse } from '#test/support/http-client';

const COUNT = Number(process.env.EVENTS_CRASH_COUNT ?? 2000);
const UPDATES_PER_LEAD = 4;
const FAIL_SHARE = 0.3;
/** Clients writing at once (EVENTS_CRASH_CLIENTS): more shorten a 10,000-change run while the machine has room. */
const WORKERS = Number(process.env.EVENTS_CRASH_CLIENTS ?? 4);

interface Saved {
  apiUrl: string;
  adminKey: string;
  endpoints: { dynamodb: string; s3: string; lambda: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** `npm start`'s own process (no npm, no tsx launcher between), so SIGKILL hits the product itself. */
async function startProduct(dataDir: string, port: number): Promise<{ child: ChildProcess; saved: Saved }> {
  const localJson = join(dataDir, 'local.json');
  rmSync(localJson, { force: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), DOSSIER_DATA_DIR: dataDir, DOSSIER_SCHEDULE_MS: '1000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = performance.now();
  while (!existsSync(localJson)) {
    if (child.exitCode !== null) throw new Error(`the product exited with ${child.exitCode}`);
    if (performance.now() - started > 120_000) throw new Error('the product was not ready in 120 s');
    await sleep(50);
  }
  const saved = JSON.parse(readFileSync(localJson, 'utf8')) as Saved;
  // The bench's own store clients (to hurry retries) follow the product's new endpoints.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    TABLE_NAME: 'dossier',
    BUCKET_NAME: 'dossier-documents',
    DYNAMODB_ENDPOINT: saved.endpoints.dynamodb,
  });
  resetConfig();
  resetDocumentClient();
  progress(`product up in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);
  return { child, saved };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-crash-'));
  const port = await freePort();
  let product = await startProduct(dataDir, port);
  onExit(async () => {
    product.child.kill('SIGTERM');
    await new Promise((r) => (product.child.exitCode !== null ? r(undefined) : product.child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  });
  const apiUrl = product.saved.apiUrl;
  const tenant = await createTenant(apiUrl, product.saved.adminKey, 'Events bench crash');
  let secret = '';
  const flaky = receiver(
    () => secret,
    (_id, isFirst) => (isFirst && Math.random() < FAIL_SHARE ? 503 : 200),
  );
  const sub = await request(apiUrl, 'POST', '/v1/webhooks', {
    key: tenant.key,
    body: { url: await flaky.listen(), events: ['lead.*'] },
  });
  if (sub.status !== 201) throw new Error(`subscribing answered ${sub.status}`);
  secret = sub.body.secret as string;

  // A change, sent again with the same Idempotency-Key until it has an answer (the product may be down).
  let cutOff = 0;
  let seq = 0;
  async function change(method: string, path: string, body: unknown, expected: number): Promise<ApiResponse> {
    const key = `crash-${++seq}`;
    for (;;) {
      try {
        const res = await request(apiUrl, method, path, { key: tenant.key, body, headers: { 'idempotency-key': key } });
        if (res.status === expected) return res;
        // 409 + Retry-After: the same key's request is still claimed (the killed process held it; 30 s).
        const retry =
          res.status === 503 || res.status === 502 || (res.status === 409 && res.headers.has('retry-after'));
        if (!retry) throw new Error(`${method} ${path} answered ${res.status}`);
      } catch (e) {
        if ((e as Error).message.includes('answered')) throw e;
        cutOff++;
      }
      await sleep(250);
    }
  }

  const leads = Math.ceil(COUNT / (1 + UPDATES_PER_LEAD));
  let committed = 0;
  let killedAt = 0;
  let restartMs = 0;
  const killing = (async () => {
    while (committed < (leads * (1 + UPDATES_PER_LEAD)) / 2) await sleep(20);
    killedAt = committed;
    progress(`SIGKILL after ${committed} changes`);
    product.child.kill('SIGKILL');
    await new Promise((r) => product.child.once('exit', r));
    const started = performance.now();
    product = await startProduct(dataDir, port);
    restartMs = performance.now() - started;
  })();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let l = worker; l < leads; l += WORKERS) {
        const lead = await change('POST', '/v1/leads', { title: `Lead ${l}` }, 201);
        committed++;
        for (let u = 1; u <= UPDATES_PER_LEAD; u++) {
          await change('PATCH', `/v1/leads/${lead.body.id}`, { title: `Lead ${l} v${u + 1}` }, 200);
          committed++;
        }
      }
    }),
  );
  await killing;

  // What committed, by the feed: the events the receiver must have.
  const expected = new Set<string>();
  for (let cursor: string | undefined; ;) {
    const page = await request(
      apiUrl,
      'GET',
      `/v1/events?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        key: tenant.key,
      },
    );
    for (const e of page.body.items as Array<{ id: string; type: string }>)
      if (e.type.startsWith('lead.')) expected.add(e.id);
    cursor = page.body.nextCursor as string | undefined;
    if (!cursor) break;
  }
  progress(`${expected.size} events committed; waiting for every delivery (retries hurried)`);
  const started = performance.now();
  const missing = () => [...expected].filter((id) => !deliveredIds(flaky.seen).has(id));
  while (missing().length && performance.now() - started < Math.max(240_000, expected.size * 50)) {
    await hurryRetries(product.saved.endpoints.lambda);
    await sleep(1000);
  }
  await sleep(2000); // anything sent again late would show now
  const counts = deliveryCounts(flaky.seen);
  const lost = missing().length;
  report('events.crash.committed', expected.size, 'events', null, { changes: leads * (1 + UPDATES_PER_LEAD) });
  report('events.crash.lost', lost, 'events', 0, { delivered: counts.delivered, killedAfterChanges: killedAt });
  report('events.crash.duplicates-after-2xx', counts.duplicatesAfter2xx, 'deliveries', null);
  report('events.crash.out-of-order', counts.outOfOrder, 'deliveries', 0, { resources: counts.resources });
  report('events.crash.unverified-signatures', counts.unverified, 'deliveries', 0);
  report('events.crash.failed-attempts', counts.failedAttempts, 'attempts', null, { attempts: counts.attempts });
  report('events.crash.restart', restartMs / 1000, 's', null, { requestsCutOff: cutOff });
  report('events.crash.all-delivered-after', (performance.now() - started) / 1000, 's', null);
  await flaky.close();
}

await runBench('events-crash', main);
