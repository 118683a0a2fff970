// Document budgets: an upload reservation is one DynamoDB round trip after authentication (p50 ≤ 15 ms
// through the local gateway); a deal's documents are one Query (p50 ≤ 20 ms); and the time from the
// PUT's answer to the document being visible, through s3rver's event and the finaliser; and 100
// reservations racing for a free tenant's last 10 MiB never take it past its limit.
import { createHash } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { LocalRuntime } from '#infra/local/runtime';
import { Api, createTenant } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { measureRounds, warmUp } from '#test/bench/lib/measure';
import { report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { latencySummary, round } from '#test/bench/lib/stats';

const WARM_UP = 30;
const ROUNDS = 5;
const PER_ROUND = 100;
const FINALISED = 60;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('base64');

const MiB = 1024 * 1024;
const FREE_LIMIT = 200 * MiB;
const RACERS = 100;

/**
 * 100 clients race for the last 10 MiB of a free tenant (a 190 MiB upload holds the rest, reserved and
 * never sent), each asking for 1 MiB, while a poller reads the usage. Then the winners upload, and the
 * usage is compared with the objects in the bucket.
 */
async function quotaRace(runtime: LocalRuntime): Promise<void> {
  const admin = new Api(runtime.apiUrl, runtime.adminKey);
  const created = await admin.expect(201, 'POST', '/v1/admin/tenants', { name: 'Quota race', plan: 'free' });
  const api = new Api(runtime.apiUrl, created.body.apiKey.secret);
  const file = (size: number, sha256: string) => ({
    fileName: 'f.bin',
    contentType: 'application/octet-stream',
    size,
    sha256,
  });
  await api.expect(201, 'POST', '/v1/uploads', file(FREE_LIMIT - 10 * MiB, sha(Buffer.from('filler'))));

  let racing = true;
  let peak = 0;
  let polls = 0;
  const poller = (async () => {
    while (racing) {
      const u = (await api.expect(200, 'GET', '/v1/tenant/usage')).body;
      peak = Math.max(peak, u.usedBytes + u.reservedBytes);
      polls += 1;
    }
  })();
  const bodies = Array.from({ length: RACERS }, (_, i) => Buffer.alloc(MiB, i));
  const started = performance.now();
  const answers = await Promise.all(bodies.map((b) => api.call('POST', '/v1/uploads', file(b.length, sha(b)))));
  const raceMs = performance.now() - started;
  racing = false;
  await poller;
  const won = answers.flatMap((a, i) => (a.status === 201 ? [{ ticket: a.body, body: bodies[i] }] : []));
  const refused = answers.filter((a) => a.status === 413 && a.body.code === 'QUOTA_EXCEEDED').length;
  const after = (await api.expect(200, 'GET', '/v1/tenant/usage')).body;
  peak = Math.max(peak, after.usedBytes + after.reservedBytes);

  for (const { ticket, body } of won) {
    const { 'content-length': _l, ...headers } = ticket.headers;
    await fetch(ticket.url, { method: 'PUT', headers, body });
  }
  for (const { ticket } of won) {
    while ((await api.call('GET', `/v1/uploads/${ticket.uploadId}`)).body.status === 'pending')
      await new Promise((r) => setTimeout(r, 10));
  }
  const settled = (await api.expect(200, 'GET', '/v1/tenant/usage')).body;
  const stored = await storedBytes(runtime, created.body.tenant.id);
  report('documents.quotaRace.peakCommittedPlusReserved', peak, 'bytes', FREE_LIMIT, {
    limitBytes: FREE_LIMIT,
    racers: RACERS,
    won: won.length,
    refusedWithQuotaExceeded: refused,
    otherAnswers: RACERS - won.length - refused,
    usagePolls: polls,
    raceMs: round(raceMs),
  });
  report('documents.quotaRace.usageMinusStoredBytes', settled.usedBytes - stored, 'bytes', 0, {
    usedBytes: settled.usedBytes,
    storedBytes: stored,
  });
}

/** The bytes under the tenant's prefix, as the bucket lists them. */
async function storedBytes(runtime: LocalRuntime, tenantId: string): Promise<number> {
  const s3 = new S3Client({
    endpoint: runtime.endpoints.s3,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  let total = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: runtime.bucketName, Prefix: `t/${tenantId}/`, ContinuationToken: token }),
    );
    total += (page.Contents ?? []).reduce((sum, o) => sum + (o.Size ?? 0), 0);
    token = page.NextContinuationToken;
  } while (token);
  return total;
}

await runBench('documents', () =>
  withRuntime(
    async (runtime) => {
      const tenant = await createTenant(runtime.apiUrl, runtime.adminKey, 'Documents bench');
      const api = new Api(runtime.apiUrl, tenant.key);
      const deal = (await api.expect(201, 'POST', '/v1/deals', { title: 'Bench deal' })).body;
      const one = Buffer.from('x');
      const reserve = () =>
        api.expect(201, 'POST', '/v1/uploads', {
          fileName: 'a.txt',
          contentType: 'text/plain',
          size: 1,
          sha256: sha(one),
          links: [{ entity: 'deal', id: deal.id }],
        });

      // The deal gets documents to list: full flows, each timed from the PUT's answer to the document.
      const visible: number[] = [];
      for (let i = 0; i < FINALISED; i++) {
        const bytes = Buffer.from(`document ${i}`);
        const ticket = (
          await api.expect(201, 'POST', '/v1/uploads', {
            fileName: `d${i}.txt`,
            contentType: 'text/plain',
            size: bytes.length,
            sha256: sha(bytes),
            links: [{ entity: 'deal', id: deal.id }],
          })
        ).body;
        const { 'content-length': _l, ...headers } = ticket.headers;
        await fetch(ticket.url, { method: 'PUT', headers, body: bytes });
        const put = performance.now();
        while ((await api.call('GET', `/v1/documents/${ticket.documentId}`)).status !== 200)
          await new Promise((r) => setImmediate(r));
        visible.push(performance.now() - put);
      }
      const finalised = latencySummary([visible]);
      report('documents.finalise.visibleAfterPut.p50', finalised.p50, 'ms', null, {
        samples: visible.length,
        note: 's3rver event → object-created → document readable',
      });

      const ops = { reserve, list: () => api.expect(200, 'GET', `/v1/deals/${deal.id}/documents?limit=25`) };
      await warmUp(ops, WARM_UP);
      const m = await measureRounds(ops, ROUNDS, PER_ROUND);
      const extra = (x: typeof m.reserve) => ({
        samples: x.latency.samples,
        rounds: ROUNDS,
        roundP50s: x.latency.roundP50s,
        pooledP99: round(x.latency.pooledP99),
      });
      report('documents.reserve.p50', m.reserve.latency.p50, 'ms', 15, extra(m.reserve));
      report('documents.reserve.roundTrips', m.reserve.perOp.roundTrips, 'round trips/request', 2, {
        byCommand: m.reserve.perOp.byCommand,
        note: 'authentication + the reservation transaction',
      });
      report('documents.listByDeal.p50', m.list.latency.p50, 'ms', 20, extra(m.list));
      report('documents.listByDeal.roundTrips', m.list.perOp.roundTrips, 'round trips/request', 2, {
        byCommand: m.list.perOp.byCommand,
        note: 'authentication + one Query',
      });

      await quotaRace(runtime);
    },
    { demo: false },
  ),
);
