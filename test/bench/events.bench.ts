// Webhook delivery through the whole local product: changes through the API, the table's stream
// read by the local poller, the fan-out, the worker, receivers on loopback verifying signatures.
// 1. latency: commit (the request sent) → the receiver's first request, p50/p99 (budget 1 s / 3 s);
// 2. N changes (EVENTS_BENCH_COUNT, default 300) over leads created then updated, a receiver failing
//    30 % of first attempts at random: every event delivered, none again after a 2xx (by webhook-id),
//    per-resource order kept; retries are made due by moving their due time (they wait minutes);
// 3. the same latency on one subscription while another of the same tenant always hangs (10 s).
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { DueAttempt } from '#core/webhooks/attempt';
import { documentClient, tableName } from '#store/dynamo/client';
import { WEBHOOK_DUE_SHARDS, webhookDuePk, webhookDueSk } from '#store/dynamo/keys';
import { Api, createTenant } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { percentile } from '#test/bench/lib/stats';
import { expectStatus } from '#test/support/http-client';
import type { LocalRuntime } from '#infra/local/runtime';

const COUNT = Number(process.env.EVENTS_BENCH_COUNT ?? 300);
const LATENCY_SAMPLES = Number(process.env.EVENTS_BENCH_LATENCY ?? 150);
const UPDATES_PER_LEAD = 4;
const FAIL_SHARE = 0.3;

interface Seen {
  id: string;
  type: string;
  resource: string;
  version: number;
  status: number;
  at: number;
  verified: boolean;
}

function receiver(secret: () => string, answer: (id: string, first: boolean) => number | 'hang') {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = true;
      try {
        new Webhook(secret()).verify(raw, headers);
      } catch {
        verified = false;
      }
      const body = JSON.parse(raw) as { id: string; type: string; data: { id: string; version: number } };
      const first = !seen.some((s) => s.id === body.id);
      const status = answer(body.id, first);
      seen.push({
        id: body.id,
        type: body.type,
        resource: body.data.id,
        version: body.data.version,
        status: status === 'hang' ? 0 : status,
        at: performance.now(),
        verified,
      });
      if (status !== 'hang') res.writeHead(status).end();
    });
  });
  return {
    seen,
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

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

/** Retries wait 1 minute and more: move every waiting attempt to now, and start a worker, as the schedule would. */
async function hurryRetries(runtime: LocalRuntime): Promise<number> {
  const now = new Date().toISOString();
  let moved = 0;
  for (let shard = 0; shard < WEBHOOK_DUE_SHARDS; shard++) {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk > :now',
        ExpressionAttributeValues: { ':pk': webhookDuePk(shard), ':now': now },
        ConsistentRead: true,
      }),
    );
    for (const item of Items) {
      const a = { ...(item.attempt as DueAttempt), dueAt: now };
      await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
      const { leaseUntil: _lease, ...rest } = item;
      await documentClient().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...rest, sk: webhookDueSk(now, a.tenantId, a.subscriptionId, a.event.eventId), attempt: a },
        }),
      );
      moved++;
    }
  }
  if (moved)
    await fetch(`${runtime.endpoints.lambda}/2015-03-31/functions/deliver-webhooks/invocations`, {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'Event' },
      body: '{}',
    });
  return moved;
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
    Array.from({ length: 4 }, async (_, worker) => {
      for (let l = worker; l < leads; l += 4) {
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
  const delivered = () => new Set(flaky.seen.filter((s) => s.status >= 200 && s.status < 300).map((s) => s.id));
  while (delivered().size < expected && performance.now() - started < 240_000) {
    await hurryRetries(runtime);
    await new Promise((r) => setTimeout(r, 1000));
  }
  await new Promise((r) => setTimeout(r, 2000)); // anything sent again late would show now
  const ok = flaky.seen.filter((s) => s.status >= 200 && s.status < 300);
  const okIds = new Set(ok.map((s) => s.id));
  const duplicatesAfter2xx = ok.length - okIds.size;
  const failedFirst = flaky.seen.filter((s) => s.status >= 300).length;
  let outOfOrder = 0;
  const byResource = new Map<string, number[]>();
  for (const s of flaky.seen) byResource.set(s.resource, [...(byResource.get(s.resource) ?? []), s.version]);
  for (const versions of byResource.values())
    for (let i = 1; i < versions.length; i++) if (versions[i] < versions[i - 1]) outOfOrder++;
  const unverified = flaky.seen.filter((s) => !s.verified).length;
  // What a duplicate looked like: every attempt the receiver saw of that event, and what the log says.
  for (const id of okIds) {
    const of = flaky.seen.filter((s) => s.id === id);
    if (of.filter((s) => s.status < 300).length < 2) continue;
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
  report('events.retries.delivered', okIds.size, 'events', { min: expected, max: expected }, { expected });
  report('events.retries.duplicates-after-2xx', duplicatesAfter2xx, 'deliveries', 0);
  report('events.retries.out-of-order', outOfOrder, 'deliveries', 0, { resources: byResource.size });
  report('events.retries.unverified-signatures', unverified, 'deliveries', 0);
  report('events.retries.failed-attempts', failedFirst, 'attempts', null, { attempts: flaky.seen.length });
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
