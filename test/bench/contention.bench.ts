// 30 parallel PATCHes of one company without If-Match, through the local gateway: every one must
// land (different fields all kept, one field last-writer-wins). Reports successes, latency and
// how often a request lost the race and re-read (DynamoDB Local refuses the version condition).
import { DEFAULT_CONFLICT_RETRY } from '#core/conflict-retry';
import { recordsDeps } from '#wiring/records';
import { takeStoreMetrics } from '#store/aws/metrics';
import { Api } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { latencySummary, median, round } from '#test/bench/lib/stats';

const WRITERS = 30;
const ROUNDS = 7;
// A client's patience, not a latency target: the worst of 30 writers of one record waits for 29 others.
const P99_BUDGET_MS = 3000;

// The handlers run in this process and share this deps object: counting the retry policy's waits
// counts retries, without a hook in the product.
let retries = 0;
recordsDeps.conflictRetry = {
  ...DEFAULT_CONFLICT_RETRY,
  sleep: (ms) => {
    retries += 1;
    return DEFAULT_CONFLICT_RETRY.sleep(ms);
  },
};

type Mode = 'differentFields' | 'sameField';
const fields = Array.from({ length: WRITERS }, (_, i) => `bench_${String(i).padStart(2, '0')}`);
const patchOf: Record<Mode, (i: number) => unknown> = {
  differentFields: (i) => ({ customFields: { [fields[i]]: `value ${i}` } }),
  sameField: (i) => ({ name: `Writer ${i}` }),
};

interface Burst {
  successes: number;
  statuses: Record<number, number>;
  latencies: number[];
  retries: number;
  complete: boolean;
}

async function burst(api: Api, mode: Mode): Promise<Burst> {
  const company = (await api.expect(201, 'POST', '/v1/companies', { name: 'Contended Ltd' })).body;
  retries = 0;
  takeStoreMetrics();
  const results = await Promise.all(
    Array.from({ length: WRITERS }, (_, i) => api.call('PATCH', `/v1/companies/${company.id}`, patchOf[mode](i))),
  );
  const reads = takeStoreMetrics().byCommand.GetItemCommand ?? 0; // each retry re-reads the record once
  const statuses: Record<number, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const final = (await api.expect(200, 'GET', `/v1/companies/${company.id}`)).body;
  const complete =
    mode === 'differentFields'
      ? fields.every((f, i) => final.customFields?.[f] === `value ${i}`)
      : results.some((r) => r.status === 200 && r.body.version === final.version && r.body.name === final.name);
  if (reads !== retries) progress(`${mode}: ${retries} retries but ${reads} record re-reads`);
  return { successes: statuses[200] ?? 0, statuses, latencies: results.map((r) => r.ms), retries, complete };
}

await runBench('contention', () =>
  withRuntime(async (runtime) => {
    const api = new Api(runtime.apiUrl, runtime.demo!.apiKey);
    for (const name of fields) await api.expect(201, 'POST', '/v1/fields/company', { name, label: name, type: 'text' });
    await burst(api, 'differentFields'); // warm-up: routes, schema cache, connections
    await burst(api, 'sameField');
    const bursts: Record<Mode, Burst[]> = { differentFields: [], sameField: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const mode of ['differentFields', 'sameField'] as const) bursts[mode].push(await burst(api, mode));
    }
    for (const mode of ['differentFields', 'sameField'] as const) {
      const all = bursts[mode];
      const latency = latencySummary(all.map((b) => b.latencies));
      const extra = {
        writers: WRITERS,
        rounds: ROUNDS,
        statuses: all.map((b) => b.statuses),
        allValuesKept: all.every((b) => b.complete),
      };
      report(
        `contention.${mode}.successes`,
        median(all.map((b) => b.successes)),
        `of ${WRITERS}`,
        { min: WRITERS, max: WRITERS },
        { ...extra, perRound: all.map((b) => b.successes) },
      );
      report(`contention.${mode}.p50`, latency.p50, 'ms', null, {
        roundP50s: latency.roundP50s,
        pooledP50: round(latency.pooledP50),
        note: 'information only',
      });
      report(`contention.${mode}.p99`, latency.p99, 'ms', P99_BUDGET_MS, {
        roundP99s: latency.roundP99s,
        max: round(latency.max),
      });
      report(
        `contention.${mode}.retriesPerRequest`,
        median(all.map((b) => b.retries / WRITERS)),
        'retries/request',
        null,
        {
          perRound: all.map((b) => round(b.retries / WRITERS)),
          attemptsAllowed: DEFAULT_CONFLICT_RETRY.attempts,
          note: 'information only',
        },
      );
    }
  }),
);
