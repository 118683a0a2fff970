// GET /v1/tenant: the cheapest authenticated route, so its cost is the cost of authentication.
import { Api } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { measureRounds, warmUp } from '#test/bench/lib/measure';
import { report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { round } from '#test/bench/lib/stats';

const WARM_UP = 50;
const ROUNDS = 5;
const PER_ROUND = 200;

await runBench('tenant', () =>
  withRuntime(async (runtime) => {
    const api = new Api(runtime.apiUrl, runtime.demo!.apiKey);
    const getTenant = { tenant: () => api.expect(200, 'GET', '/v1/tenant') };
    await warmUp(getTenant, WARM_UP);
    const { latency, perOp } = (await measureRounds(getTenant, ROUNDS, PER_ROUND)).tenant;
    const extra = {
      samples: latency.samples,
      rounds: ROUNDS,
      pooledP50: round(latency.pooledP50),
      pooledP99: round(latency.pooledP99),
      max: round(latency.max),
    };
    report('tenant.get.p50', latency.p50, 'ms', 10, { ...extra, roundP50s: latency.roundP50s });
    report('tenant.get.p99', latency.p99, 'ms', 40, { ...extra, roundP99s: latency.roundP99s });
    report('tenant.get.roundTrips', perOp.roundTrips, 'round trips/request', 1, { byCommand: perOp.byCommand });
    report('tenant.get.readUnits', perOp.readUnits, 'RCU/request', null, { note: 'information only' });
  }),
);
