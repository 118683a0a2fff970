// Issue 9's budgets: an upload reservation is one DynamoDB round trip after authentication (p50 ≤ 15 ms
// through the local gateway); a deal's documents are one Query (p50 ≤ 20 ms); and the time from the
// PUT's answer to the document being visible, through s3rver's event and the finaliser.
import { createHash } from 'node:crypto';
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
    },
    { demo: false },
  ),
);
