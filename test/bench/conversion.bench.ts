// Lead conversion end to end through the local gateway and the local Step Functions service:
// a three-target conversion's latency and DynamoDB cost, and 20 concurrent conversions of one lead.
import { Api } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { measureRounds, warmUp } from '#test/bench/lib/measure';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { round } from '#test/bench/lib/stats';

const ROUNDS = 3;
const PER_ROUND = 40;
const P50_BUDGET_MS = 150;
const RACES = 5;
const RACERS = 20;
const ALL_THREE = { contact: { create: {} }, company: { create: {} }, deal: { create: {} } };

let n = 0;
/** A fresh lead each time: new email, phone and company name, so no conversion finds a duplicate. */
async function newLead(api: Api): Promise<string> {
  n += 1;
  const tag = `${Date.now().toString(36)}${n}`;
  const res = await api.expect(201, 'POST', '/v1/leads', {
    title: `Bench lead ${tag}`,
    name: `Bench Person${tag}`,
    companyName: `Bench Co ${tag}`,
    email: `bench.${tag}@example.com`,
    phone: `+1415${String(1_000_000 + n).slice(-7)}`,
    source: 'bench',
  });
  return res.body.id;
}

/** 20 conversions of one lead at once, half on one Idempotency-Key: one set of records, the rest same or 409. */
async function race(api: Api): Promise<{ conversions: number; records: number; others: number[] }> {
  const leadId = await newLead(api);
  const answers = await Promise.all(
    Array.from({ length: RACERS }, (_, i) =>
      fetch(`${api.baseUrl}/v1/leads/${leadId}/conversions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.key}`,
          'content-type': 'application/json',
          'idempotency-key': i < RACERS / 2 ? `race-${leadId}` : `race-${leadId}-${i}`,
        },
        body: JSON.stringify(ALL_THREE),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
    ),
  );
  const ids = new Set([
    ...answers.filter((a) => a.status === 201).map((a) => a.body.id),
    ...answers.filter((a) => a.status === 409).map((a) => a.body.conversion?.id),
  ]);
  const lead = (await api.expect(200, 'GET', `/v1/leads/${leadId}`)).body;
  const made = [lead.convertedTo?.contactId, lead.convertedTo?.companyId, lead.convertedTo?.dealId].filter(Boolean);
  return {
    conversions: ids.size,
    records: made.length,
    others: answers.filter((a) => a.status !== 201 && a.status !== 409).map((a) => a.status),
  };
}

await runBench('conversion', () =>
  withRuntime(async (runtime) => {
    const api = new Api(runtime.apiUrl, runtime.demo!.apiKey);
    const leads: string[] = [];
    for (let i = 0; i < 20 + ROUNDS * PER_ROUND; i++) leads.push(await newLead(api));
    const ops = {
      convert: () => api.expect(201, 'POST', `/v1/leads/${leads.shift()}/conversions`, ALL_THREE),
    };
    await warmUp(ops, 20);
    progress(`warmed up; measuring ${ROUNDS} x ${PER_ROUND} three-target conversions`);
    const { convert } = await measureRounds(ops, ROUNDS, PER_ROUND);
    const extra = {
      samples: convert.latency.samples,
      rounds: ROUNDS,
      pooledP50: round(convert.latency.pooledP50),
      pooledP99: round(convert.latency.pooledP99),
      max: round(convert.latency.max),
    };
    report('conversion.threeTargets.p50', convert.latency.p50, 'ms', P50_BUDGET_MS, {
      ...extra,
      roundP50s: convert.latency.roundP50s,
    });
    report('conversion.threeTargets.p99', convert.latency.p99, 'ms', null, {
      ...extra,
      roundP99s: convert.latency.roundP99s,
      note: 'reported, no budget',
    });
    report('conversion.threeTargets.roundTrips', convert.perOp.roundTrips, 'round trips/op', null, {
      byCommand: convert.perOp.byCommand,
      note: 'API Lambda and every task of the workflow, DynamoDB only',
    });
    report('conversion.threeTargets.writeUnits', convert.perOp.writeUnits, 'WCU/op', null, {
      note: 'information only',
    });

    const races = [];
    for (let i = 0; i < RACES; i++) races.push(await race(api));
    report('conversion.race.conversionsPerLead', Math.max(...races.map((r) => r.conversions)), 'conversions', 1, {
      races: RACES,
      racers: RACERS,
      perRace: races.map((r) => r.conversions),
    });
    report('conversion.race.recordSetsPerLead', Math.max(...races.map((r) => r.records)) / 3, 'sets', 1, {
      perRace: races.map((r) => r.records),
    });
    report(
      'conversion.race.otherAnswers',
      races.reduce((sum, r) => sum + r.others.length, 0),
      'answers neither 201 nor 409',
      0,
      { statuses: races.flatMap((r) => r.others) },
    );
  }),
);
