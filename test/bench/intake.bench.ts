// Form intake through the local gateway: N signed submissions (default 10,000) from 50 concurrent
// senders, 10% of them the same fields again under a new webhook-id (dedupe window) and 5% retries
// of an earlier delivery with the same webhook-id. Exactly one lead per distinct submission, none
// lost, none duplicated; throughput and p50/p99.
//
// Two ways of sending, because they answer different questions:
// - saturation: each sender posts its next submission as soon as the last is answered, so the
//   figure is the most the machine takes, and latency is mostly the queue (p99 ≈ senders / throughput);
// - offered load: the same 50 senders, submissions due at a fixed total rate (as form traffic arrives,
//   whoever is waiting), latency counted from when each was due, so a backlog shows up in it.
// Beside them, the product's own POST /v1/leads at the same concurrency (the same lead write without
// intake), one sender alone, and signature verification in-process (≤ 1 ms).
import { createHmac } from 'node:crypto';
import { verifySignature } from '#core/intake/signatures';
import { mintSigningSecret } from '#core/intake/signing-secret';
import { Api } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { percentile, round } from '#test/bench/lib/stats';
import { request } from '#test/support/http-client';
import { takeStoreMetrics } from '#store/aws/metrics';

const COUNT = Number(process.env.INTAKE_BENCH_COUNT ?? 10_000);
const CONCURRENCY = Number(process.env.INTAKE_BENCH_CONCURRENCY ?? 50);
const OFFERED_COUNT = Number(process.env.INTAKE_BENCH_OFFERED_COUNT ?? 1_200);
const OFFERED_RATE = Number(process.env.INTAKE_BENCH_OFFERED_RATE ?? 20);
const LEADS_API_COUNT = 1_000;
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
function plan(count: number, tag: string): { deliveries: Delivery[]; distinct: number } {
  const deliveries: Delivery[] = [];
  let distinct = 0;
  const bodyOf = (d: number) => JSON.stringify({ email: `${tag}${d}@example.com`, name: `Bench Person ${d}` });
  for (let i = 0; i < count; i++) {
    const r = i % 20; // deterministic mix: 17 new, 2 repeats, 1 retry in every 20
    if (r < 17 || deliveries.length === 0) {
      deliveries.push({ distinct, webhookId: `msg_${tag}_${i}`, body: bodyOf(distinct) });
      distinct += 1;
    } else if (r < 19) {
      const d = Math.max(0, distinct - 1 - (i % 7));
      deliveries.push({ distinct: d, webhookId: `msg_${tag}_${i}`, body: bodyOf(d) });
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

interface Sent {
  latencies: number[];
  statuses: Record<number, number>;
  leadOf: Map<number, Set<string>>;
  retriedAfter429: number;
  seconds: number;
}

/**
 * The deliveries from `senders` concurrent senders: back to back, or (with `rate`) each due at
 * start + k/rate and timed from then, so time spent waiting for a free sender counts.
 */
async function send(
  apiUrl: string,
  path: string,
  secret: string,
  deliveries: Delivery[],
  senders: number,
  rate?: number,
): Promise<Sent> {
  const sent: Sent = { latencies: [], statuses: {}, leadOf: new Map(), retriedAfter429: 0, seconds: 0 };
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    while (next < deliveries.length) {
      const k = next++;
      const d = deliveries[k];
      const due = rate ? started + (k * 1000) / rate : performance.now();
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      let res = await request(apiUrl, 'POST', path, { rawBody: d.body, headers: signed(secret, d) });
      // Over the form's limit a sender waits as told and delivers again, with the same id.
      while (res.status === 429) {
        sent.retriedAfter429 += 1;
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
        res = await request(apiUrl, 'POST', path, { rawBody: d.body, headers: signed(secret, d) });
      }
      sent.latencies.push(performance.now() - due);
      sent.statuses[res.status] = (sent.statuses[res.status] ?? 0) + 1;
      if (res.status === 200 || res.status === 201) {
        const set = sent.leadOf.get(d.distinct) ?? new Set<string>();
        set.add(res.body.leadId);
        sent.leadOf.set(d.distinct, set);
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  sent.seconds = (performance.now() - started) / 1000;
  return sent;
}

/** A form of the bench's own: all traffic comes from 127.0.0.1, so its limits are raised to measure intake, not 429s. */
async function benchForm(api: Api, source: string) {
  const form = (
    await api.expect(201, 'POST', '/v1/forms', {
      name: source,
      provider: 'standard',
      fixedValues: { source },
      rateLimits: { perFormPerMinute: 5000, perIpPerMinute: 5000 },
    })
  ).body;
  return { path: new URL(form.intakeUrl).pathname, secret: form.secret as string };
}

/** Exactly one lead per distinct submission, every answer pointing at it, none refused. */
function checkLeads(
  prefix: string,
  leads: Array<{ email?: string; source?: string }>,
  source: string,
  tag: string,
  planned: { deliveries: Delivery[]; distinct: number },
  sent: Sent,
): void {
  const mine = leads.filter((l) => l.source === source);
  const emails = new Map<string, number>();
  for (const l of mine) emails.set(l.email ?? '', (emails.get(l.email ?? '') ?? 0) + 1);
  const { distinct, deliveries } = planned;
  report(
    `${prefix}.leadsPerDistinctSubmission`,
    mine.length / distinct,
    'leads',
    { min: 1, max: 1 },
    {
      leads: mine.length,
      distinct,
    },
  );
  const lost = Array.from({ length: distinct }, (_, d) => d).filter((d) => !emails.has(`${tag}${d}@example.com`));
  report(`${prefix}.lost`, lost.length, 'submissions', 0);
  report(`${prefix}.duplicatedLeads`, [...emails.values()].filter((n) => n > 1).length, 'emails with >1 lead', 0);
  const disagree = [...sent.leadOf.values()].filter((s) => s.size !== 1).length;
  report(`${prefix}.answersPointingAtAnotherLead`, disagree, 'submissions', 0);
  const failed = deliveries.length - (sent.statuses[200] ?? 0) - (sent.statuses[201] ?? 0);
  report(`${prefix}.failedDeliveries`, failed, 'deliveries', 0);
}

/** The product's own lead creation at the same concurrency: what intake's figures compare with. */
async function leadsApi(api: Api): Promise<void> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    while (next < LEADS_API_COUNT) {
      const i = next++;
      const res = await api.expect(201, 'POST', '/v1/leads', {
        title: `Reference ${i}`,
        email: `reference${i}@example.com`,
        name: `Reference Person ${i}`,
        source: 'bench-reference',
      });
      latencies.push(res.ms);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  const seconds = (performance.now() - started) / 1000;
  const extra = { requests: LEADS_API_COUNT, concurrency: CONCURRENCY, seconds: round(seconds, 1) };
  report('intake.reference.leadsApi.throughput', LEADS_API_COUNT / seconds, 'leads/s', null, extra);
  report('intake.reference.leadsApi.p99', percentile(latencies, 99), 'ms', null, extra);
}

await runBench('intake', () =>
  withRuntime(async (runtime) => {
    benchVerification();
    const api = new Api(runtime.apiUrl, runtime.demo!.apiKey);
    await sequential(runtime.apiUrl, api);

    const saturation = plan(COUNT, 'bench');
    const satForm = await benchForm(api, 'bench-intake');
    progress(
      `saturation: ${saturation.deliveries.length} deliveries of ${saturation.distinct} distinct submissions, ${CONCURRENCY} senders back to back`,
    );
    takeStoreMetrics();
    const sat = await send(runtime.apiUrl, satForm.path, satForm.secret, saturation.deliveries, CONCURRENCY);
    const cost = takeStoreMetrics();
    const count = saturation.deliveries.length;
    const extra = {
      deliveries: count,
      distinct: saturation.distinct,
      concurrency: CONCURRENCY,
      statuses: sat.statuses,
      retriedAfter429: sat.retriedAfter429,
    };
    report('intake.throughput', count / sat.seconds, 'submissions/s', null, {
      ...extra,
      seconds: round(sat.seconds, 1),
    });
    report('intake.p50', percentile(sat.latencies, 50), 'ms', null, extra);
    report('intake.p99', percentile(sat.latencies, 99), 'ms', P99_BUDGET_MS, {
      ...extra,
      note: `at saturation latency is queueing: ${CONCURRENCY} senders / throughput`,
    });
    report('intake.roundTrips', cost.roundTrips / count, 'round trips/submission', null, {
      byCommand: Object.fromEntries(Object.entries(cost.byCommand).map(([k, v]) => [k, round(v / count, 2)])),
    });

    const offered = plan(OFFERED_COUNT, 'offered');
    const offeredForm = await benchForm(api, 'bench-offered');
    progress(`offered load: ${offered.deliveries.length} deliveries at ${OFFERED_RATE}/s from ${CONCURRENCY} senders`);
    const open = await send(
      runtime.apiUrl,
      offeredForm.path,
      offeredForm.secret,
      offered.deliveries,
      CONCURRENCY,
      OFFERED_RATE,
    );
    const openExtra = {
      deliveries: offered.deliveries.length,
      offeredRate: OFFERED_RATE,
      achievedRate: round(offered.deliveries.length / open.seconds, 1),
      concurrency: CONCURRENCY,
      statuses: open.statuses,
    };
    report('intake.offered.p50', percentile(open.latencies, 50), 'ms', null, openExtra);
    report('intake.offered.p99', percentile(open.latencies, 99), 'ms', P99_BUDGET_MS, openExtra);

    await leadsApi(api);

    const leads = await allLeads(api);
    checkLeads('intake', leads, 'bench-intake', 'bench', saturation, sat);
    checkLeads('intake.offered', leads, 'bench-offered', 'offered', offered, open);
  }),
);
