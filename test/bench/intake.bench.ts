// Form intake through the local gateway: N signed submissions (default 10,000) from 50 concurrent
// senders, 10% of them the same fields again under a new webhook-id (dedupe window) and 5% retries
// of an earlier delivery with the same webhook-id. Exactly one lead per distinct submission, none
// lost, none duplicated; throughput and p50/p99. Before it, one sender alone (latency without queueing),
// and signature verification in-process (≤ 1 ms).
import { createHmac } from 'node:crypto';
import { verifySignature } from '#core/intake/signatures';
import { mintSigningSecret } from '#core/intake/signing-secret';
import { Api } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { percentile, round } from '#test/bench/lib/stats';
import { request } from '#test/support/http-client';
import { takeStoreMetrics } from '#store/metrics';

const COUNT = Number(process.env.INTAKE_BENCH_COUNT ?? 10_000);
const CONCURRENCY = Number(process.env.INTAKE_BENCH_CONCURRENCY ?? 50);
const P99_BUDGET_MS = 100;
const SEQUENTIAL = 200;
const VERIFY_BUDGET_MS = 1;

interface Delivery {
  /** Which distinct submission (one lead) this delivery carries. */
  distinct: number;
  webhookId: string;
  body: string;
}

/** 85% new submissions, 10% the same fields under a new id, 5% an earlier delivery again (same id). */
function plan(count: number): { deliveries: Delivery[]; distinct: number } {
  const deliveries: Delivery[] = [];
  let distinct = 0;
  const bodyOf = (d: number) => JSON.stringify({ email: `bench${d}@example.com`, name: `Bench Person ${d}` });
  for (let i = 0; i < count; i++) {
    const r = i % 20; // deterministic mix: 17 new, 2 repeats, 1 retry in every 20
    if (r < 17 || deliveries.length === 0) {
      deliveries.push({ distinct, webhookId: `msg_bench_${i}`, body: bodyOf(distinct) });
      distinct += 1;
    } else if (r < 19) {
      const d = Math.max(0, distinct - 1 - (i % 7));
      deliveries.push({ distinct: d, webhookId: `msg_bench_${i}`, body: bodyOf(d) });
    } else {
      deliveries.push({ ...deliveries[Math.max(0, deliveries.length - 1 - (i % 11))] });
    }
  }
  return { deliveries, distinct };
}

function signed(secret: string, d: Delivery): Record<string, string> {
  const at = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const sig = createHmac('sha256', key).update(`${d.webhookId}.${at}.${d.body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': d.webhookId,
    'webhook-timestamp': at,
    'webhook-signature': `v1,${sig}`,
  };
}

async function allLeads(api: Api): Promise<Array<{ id: string; email?: string; source?: string }>> {
  const leads: Array<{ id: string; email?: string; source?: string }> = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api.expect(200, 'GET', `/v1/leads?limit=100${query}`);
    leads.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return leads;
}

function benchVerification(): void {
  const secret = mintSigningSecret();
  const small = Buffer.from(JSON.stringify({ email: 'a@example.com', name: 'A', comments: 'x'.repeat(2000) }));
  const large = Buffer.alloc(256 * 1024, 'a');
  for (const [label, body] of [
    ['2KB', small],
    ['256KB', large],
  ] as const) {
    const at = String(Math.floor(Date.now() / 1000));
    const key = Buffer.from(secret.slice(6), 'base64');
    const sig = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(`msg_1.${at}.`), body]))
      .digest('base64');
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': at, 'webhook-signature': `v1,${sig}` };
    const samples: number[] = [];
    // Two live secrets (a rotation in progress): the worst case tries both.
    const secrets = [mintSigningSecret(), secret];
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      verifySignature('standard', secrets, headers, body, new Date());
      samples.push(performance.now() - t);
    }
    report(`intake.verifySignature.${label}.p50`, percentile(samples, 50), 'ms', VERIFY_BUDGET_MS, {
      samples: samples.length,
    });
    report(`intake.verifySignature.${label}.p99`, percentile(samples, 99), 'ms', VERIFY_BUDGET_MS, {
      samples: samples.length,
    });
  }
}

/** One sender, one submission at a time: the latency of a submission itself, without queueing behind 49 others. */
async function sequential(apiUrl: string, api: Api): Promise<void> {
  const form = (
    await api.expect(201, 'POST', '/v1/forms', {
      name: 'Sequential',
      provider: 'standard',
      rateLimits: { perFormPerMinute: 5000, perIpPerMinute: 5000 },
    })
  ).body;
  const path = new URL(form.intakeUrl).pathname;
  const samples: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const d = { distinct: i, webhookId: `msg_seq_${i}`, body: JSON.stringify({ email: `seq${i}@example.com` }) };
    const res = await request(apiUrl, 'POST', path, { rawBody: d.body, headers: signed(form.secret, d) });
    if (res.status !== 201) throw new Error(`sequential submission answered ${res.status}`);
    samples.push(res.ms);
  }
  report('intake.sequential.p50', percentile(samples, 50), 'ms', null, { samples: samples.length });
  report('intake.sequential.p99', percentile(samples, 99), 'ms', P99_BUDGET_MS, {
    samples: samples.length,
    budgetNote: 'the p99 goal, for one sender at a time',
  });
}

await runBench('intake', () =>
  withRuntime(async (runtime) => {
    benchVerification();
    const api = new Api(runtime.apiUrl, runtime.demo!.apiKey);
    await sequential(runtime.apiUrl, api);
    // All traffic comes from 127.0.0.1: the form's limits are raised so the bench measures intake, not 429s.
    const form = (
      await api.expect(201, 'POST', '/v1/forms', {
        name: 'Bench',
        provider: 'standard',
        fixedValues: { source: 'bench-intake' },
        rateLimits: { perFormPerMinute: 5000, perIpPerMinute: 5000 },
      })
    ).body;
    const path = new URL(form.intakeUrl).pathname;
    const { deliveries, distinct } = plan(COUNT);
    progress(`${deliveries.length} deliveries of ${distinct} distinct submissions, ${CONCURRENCY} concurrent senders`);

    const latencies: number[] = [];
    const leadOf = new Map<number, Set<string>>();
    const statuses: Record<number, number> = {};
    let next = 0;
    let retriedAfter429 = 0;
    takeStoreMetrics();
    const started = performance.now();
    const sender = async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++];
        let res = await request(runtime.apiUrl, 'POST', path, { rawBody: d.body, headers: signed(form.secret, d) });
        // Over the form's limit a sender waits as told and delivers again, with the same id.
        while (res.status === 429) {
          retriedAfter429 += 1;
          await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
          res = await request(runtime.apiUrl, 'POST', path, { rawBody: d.body, headers: signed(form.secret, d) });
        }
        latencies.push(res.ms);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 200 || res.status === 201) {
          const set = leadOf.get(d.distinct) ?? new Set<string>();
          set.add(res.body.leadId);
          leadOf.set(d.distinct, set);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    const seconds = (performance.now() - started) / 1000;
    const cost = takeStoreMetrics();

    const leads = (await allLeads(api)).filter((l) => l.source === 'bench-intake');
    const emails = new Map<string, number>();
    for (const l of leads) emails.set(l.email ?? '', (emails.get(l.email ?? '') ?? 0) + 1);
    const duplicated = [...emails.values()].filter((n) => n > 1).length;
    const lost = Array.from({ length: distinct }, (_, d) => d).filter(
      (d) => !emails.has(`bench${d}@example.com`),
    ).length;
    const answersDisagree = [...leadOf.values()].filter((s) => s.size !== 1).length;
    const failed = deliveries.length - (statuses[200] ?? 0) - (statuses[201] ?? 0);

    const extra = { deliveries: deliveries.length, distinct, concurrency: CONCURRENCY, statuses, retriedAfter429 };
    report('intake.throughput', deliveries.length / seconds, 'submissions/s', null, {
      ...extra,
      seconds: round(seconds, 1),
    });
    report('intake.p50', percentile(latencies, 50), 'ms', null, extra);
    report('intake.p99', percentile(latencies, 99), 'ms', P99_BUDGET_MS, extra);
    report('intake.roundTrips', cost.roundTrips / deliveries.length, 'round trips/submission', null, {
      byCommand: Object.fromEntries(
        Object.entries(cost.byCommand).map(([k, v]) => [k, round(v / deliveries.length, 2)]),
      ),
    });
    report(
      'intake.leadsPerDistinctSubmission',
      leads.length / distinct,
      'leads',
      { min: 1, max: 1 },
      { leads: leads.length, distinct },
    );
    report('intake.lost', lost, 'submissions', 0);
    report('intake.duplicatedLeads', duplicated, 'emails with >1 lead', 0);
    report('intake.answersPointingAtAnotherLead', answersDisagree, 'submissions', 0);
    report('intake.failedDeliveries', failed, 'deliveries', 0);
  }),
);
