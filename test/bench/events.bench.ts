// Webhook delivery through the whole local product: changes through the API, the table's stream
// read by the local poller, the fan-out, the worker, receivers on loopback verifying signatures.
// 1. latency: commit (the request sent) → the receiver's first request, p50/p99 (budget 1 s / 3 s);
// 2. N changes (EVENTS_BENCH_COUNT, default 300) over leads created then updated, a receiver failing
//    30 % of first attempts at random: every event delivered, none again after a 2xx (by webhook-id),
//    per-resource order kept; retries are made due by moving their due time (they wait minutes);
// 3. the same latency on one subscription while another of the same tenant always hangs (10 s).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#store/dynamo/client';
import { Api, createTenant } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { percentile } from '#test/bench/lib/stats';
import { deliveredIds, deliveryCounts, hurryRetries, receiver, type Seen } from '#test/bench/lib/webhooks';
import { expectStatus } from '#test/support/http-client';
import type { LocalRuntime } from '#infra/local/runtime';

const COUNT = Number(process.env.EVENTS_BENCH_COUNT ?? 300);
const LATENCY_SAMPLES = Number(process.env.EVENTS_BENCH_LATENCY ?? 150);
const UPDATES_PER_LEAD = 4;
/** Clients writing at once (EVENTS_BENCH_CLIENTS): more shorten a 10,000-change run while the machine has room. */
const CLIENTS = Number(process.env.EVENTS_BENCH_CLIENTS ?? 4);
const FAIL_SHARE = 0.3;

let unavailable = 0;

/** A change through the API; a 503 (DynamoDB Local busy on this shared machine) is tried again, as a client would. */
async function change(api: Api, expected: number, method: string, path: string, body: unknown) {
  for (let attempt = 1; ; attempt++) {
    const res = await api.call(method, path, body);
    if (res.status !== 503 || attempt === 5) return expectStatus(res, expected);
    unavailable++;
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

async function subscribe(api: Api, url: string, events: string[]): Promise<{ id: string; secret: string }> {
  const res = await api.expect(201, 'POST', '/v1/webhooks', { url, events });
  return { id: res.body.id, secret: res.body.secret };
}

async function latency(api: Api, seen: Seen[], samples: number, label: string): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < samples; i++) {
    const sent = performance.now();
    const res = await change(api, 201, 'POST', '/v1/leads', { title: `${label} ${i}` });
    const id = res.body.id as string;
    for (;;) {
      const hit = seen.find((s) => s.resource === id);
      if (hit) {
        took.push(hit.at - sent);
        break;
      }
      if (performance.now() - sent > 30_000) throw new Error(`no delivery for ${id} in 30 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return took;
}

async function main(runtime: LocalRuntime): Promise<void> {
  // 1. Commit to first attempt, a receiver that always accepts.
  const first = await createTenant(runtime.apiUrl, runtime.adminKey, 'Events bench latency');
  const api = new Api(runtime.apiUrl, first.key);
  let secret = '';
  const fast = receiver(
    () => secret,
    () => 204,
  );
  secret = (await subscribe(api, await fast.listen(), ['lead.created'])).secret;
  const took = await latency(api, fast.seen, LATENCY_SAMPLES, 'Latency');
  report('events.commit-to-first-attempt.p50', percentile(took, 50), 'ms', 1000, { samples: took.length });
  report('events.commit-to-first-attempt.p99', percentile(took, 99), 'ms', 3000, { samples: took.length });
  await fast.close();

  // 2. N changes, 30 % of first attempts failing.
  const second = await createTenant(runtime.apiUrl, runtime.adminKey, 'Events bench retries');
  const api2 = new Api(runtime.apiUrl, second.key);
  let secret2 = '';
  const flaky = receiver(
    () => secret2,
    (_id, isFirst) => (isFirst && Math.random() < FAIL_SHARE ? 503 : 200),
  );
  const sub2 = await subscribe(api2, await flaky.listen(), ['lead.*']);
  secret2 = sub2.secret;
  const leads = Math.ceil(COUNT / (1 + UPDATES_PER_LEAD));
  const changes: string[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, worker) => {
      for (let l = worker; l < leads; l += CLIENTS) {
        const lead = await change(api2, 201, 'POST', '/v1/leads', { title: `Lead ${l}` });
        changes.push(lead.body.id);
        for (let u = 1; u <= UPDATES_PER_LEAD; u++)
          await change(api2, 200, 'PATCH', `/v1/leads/${lead.body.id}`, { title: `Lead ${l} v${u + 1}` });
      }
    }),
  );
  const expected = leads * (1 + UPDATES_PER_LEAD);
  progress(`${expected} changes committed; waiting for every delivery (retries hurried)`);
  const started = performance.now();
  // Up to 4 minutes, or 50 ms a change for a larger run (10,000 changes: 8 minutes).
  const patience = Math.max(240_000, expected * 50);
  while (deliveredIds(flaky.seen).size < expected && performance.now() - started < patience) {
    await hurryRetries(runtime.endpoints.lambda);
    await new Promise((r) => setTimeout(r, 1000));
  }
  await new Promise((r) => setTimeout(r, 2000)); // anything sent again late would show now
  const counts = deliveryCounts(flaky.seen);
  // What a duplicate looked like: every attempt the receiver saw of that event, and what the log says.
  for (const id of deliveredIds(flaky.seen)) {
    const of = flaky.seen.filter((s) => s.id === id);
    if (of.filter((s) => s.status >= 200 && s.status < 300).length < 2) continue;
    const log = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'pipeline-created',
        KeyConditionExpression: 'pipelinePk = :pk',
        FilterExpression: '#r.eventId = :id',
        ExpressionAttributeNames: { '#r': 'record' },
        ExpressionAttributeValues: { ':pk': `T#${second.id}#E#delivery#${sub2.id}`, ':id': id },
      }),
    );
    progress(
      `duplicate ${id}: seen ${JSON.stringify(of.map((s) => [s.version, s.status, Math.round(s.at - started)]))}; log ${JSON.stringify(
        (log.Items ?? []).map((i) => [i.record.attempt, i.record.status, i.record.at, i.record.error]),
      )}`,
    );
  }
  report('events.retries.delivered', counts.delivered, 'events', { min: expected, max: expected }, { expected });
  report('events.retries.duplicates-after-2xx', counts.duplicatesAfter2xx, 'deliveries', 0);
  report('events.retries.out-of-order', counts.outOfOrder, 'deliveries', 0, { resources: counts.resources });
  report('events.retries.unverified-signatures', counts.unverified, 'deliveries', 0);
  report('events.retries.failed-attempts', counts.failedAttempts, 'attempts', null, { attempts: counts.attempts });
  report('events.retries.all-delivered-after', (performance.now() - started) / 1000, 's', null);
  report('events.api-503-retried', unavailable, 'requests', null);
  await flaky.close();

  // 3. One always-hanging subscription beside a healthy one, same tenant, same events.
  const third = await createTenant(runtime.apiUrl, runtime.adminKey, 'Events bench slow neighbour');
  const api3 = new Api(runtime.apiUrl, third.key);
  let secret3 = '';
  const healthy = receiver(
    () => secret3,
    () => 204,
  );
  const hanging = receiver(
    () => '',
    () => 'hang',
  );
  secret3 = (await subscribe(api3, await healthy.listen(), ['lead.created'])).secret;
  await subscribe(api3, await hanging.listen(), ['lead.created']);
  const neighbour = await latency(api3, healthy.seen, Math.min(LATENCY_SAMPLES, 100), 'Neighbour');
  report('events.beside-a-hanging-receiver.p50', percentile(neighbour, 50), 'ms', 1000, { samples: neighbour.length });
  report('events.beside-a-hanging-receiver.p99', percentile(neighbour, 99), 'ms', 3000, {
    samples: neighbour.length,
    hangingRequests: hanging.seen.length,
  });
  await Promise.all([healthy.close(), hanging.close()]);
}

await runBench('events', () => withRuntime(main, { demo: false }));
