// Approval budgets on the local runtime: from a decision to the next stage's tasks being listed,
// p50 ≤ 200 ms; and 200 approvals running at once, decided in random order by concurrent clients,
// each ending in the outcome its decisions imply, no task decided twice, no decision lost.
import { createHash, randomInt } from 'node:crypto';
import { Api } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { percentile, round } from '#test/bench/lib/stats';

const LATENCY_SAMPLES = 60;
const CONCURRENT = 200;
const CLIENTS_PER_USER = 8;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function member(admin: Api, name: string): Promise<{ userId: string; api: Api }> {
  const userId = `bench-${name}`;
  const key = (await admin.expect(201, 'POST', '/v1/api-keys', { name, role: 'member', userId })).body.secret;
  return { userId, api: admin.withKey(key) };
}

async function document(api: Api, i: number): Promise<string> {
  const bytes = Buffer.from(`contract ${i} ${Math.random()}`);
  const ticket = (
    await api.expect(201, 'POST', '/v1/uploads', {
      fileName: `c${i}.txt`,
      contentType: 'text/plain',
      size: bytes.length,
      sha256: sha(bytes),
    })
  ).body;
  const { 'content-length': _l, ...headers } = ticket.headers;
  await fetch(ticket.url, { method: 'PUT', headers, body: bytes });
  return (await api.expect(200, 'POST', `/v1/uploads/${ticket.uploadId}/complete`)).body.id;
}

async function until<T>(probe: () => Promise<T | undefined>, pauseMs = 2, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(pauseMs);
  }
}

const taskOf = (api: Api, approvalId: string) => async () =>
  ((await api.expect(200, 'GET', '/v1/approval-tasks?assignee=me')).body.items as any[]).find(
    (t) => t.approvalId === approvalId,
  );

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

await runBench('approvals', () =>
  withRuntime(
    async (runtime) => {
      // Seven approvers and the owner: more seats than the shared bench tenant has.
      const admin = new Api(runtime.apiUrl, runtime.adminKey);
      const created = await admin.expect(201, 'POST', '/v1/admin/tenants', {
        name: 'Approvals bench',
        plan: 'standard',
        seats: 10,
      });
      const owner = new Api(runtime.apiUrl, created.body.apiKey.secret);
      const [u1, u2, a, b, c, d, e] = await Promise.all(
        ['u1', 'u2', 'a', 'b', 'c', 'd', 'e'].map((n) => member(owner, n)),
      );

      // 1. Decision → the next stage's task listed, sequentially.
      const twoStage = (
        await owner.expect(201, 'POST', '/v1/approval-routes', {
          name: 'Two stages',
          stages: [
            { name: 'First', mode: 'all', approvers: [{ userId: u1.userId }] },
            { name: 'Second', mode: 'all', approvers: [{ userId: u2.userId }] },
          ],
        })
      ).body;
      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const doc = await document(owner, i);
        const approval = (await owner.expect(201, 'POST', `/v1/documents/${doc}/approvals`, { routeId: twoStage.id }))
          .body;
        const first = await until(taskOf(u1.api, approval.id));
        const t0 = performance.now();
        await u1.api.expect(200, 'POST', `/v1/approval-tasks/${first.id}/decision`, { decision: 'approve' });
        const second = await until(taskOf(u2.api, approval.id), 1);
        latencies.push(performance.now() - t0);
        await u2.api.expect(200, 'POST', `/v1/approval-tasks/${second.id}/decision`, { decision: 'approve' });
      }
      report('approvals.decisionToNextStageTasks.p50', percentile(latencies, 50), 'ms', 200, {
        samples: latencies.length,
        p90: round(percentile(latencies, 90)),
        max: round(Math.max(...latencies)),
        note: 'decision POST until GET /v1/approval-tasks?assignee=me lists the next stage task (polled)',
      });

      // 2. 200 approvals at once, decided in random order by concurrent clients.
      const route = (
        await owner.expect(201, 'POST', '/v1/approval-routes', {
          name: 'Majority then any',
          stages: [
            { name: 'Majority', mode: { atLeast: 2 }, approvers: [a, b, c].map((u) => ({ userId: u.userId })) },
            { name: 'Any', mode: 'any', approvers: [d, e].map((u) => ({ userId: u.userId })) },
          ],
        })
      ).body;
      const docs: string[] = [];
      await pool(
        Array.from({ length: CONCURRENT }, (_, i) => i),
        16,
        async (i) => void docs.push(await document(owner, 1000 + i)),
      );
      progress(`${docs.length} documents uploaded`);
      const approvals: string[] = [];
      const started = performance.now();
      await pool(docs, 32, async (doc) => {
        approvals.push(
          (await owner.expect(201, 'POST', `/v1/documents/${doc}/approvals`, { routeId: route.id })).body.id,
        );
      });
      // Each approver's decision per approval is drawn up front: the outcome it implies is known.
      const plan = new Map(
        approvals.map((id) => [
          id,
          Object.fromEntries([a, b, c, d, e].map((u) => [u.userId, randomInt(3) > 0 ? 'approve' : 'reject'])),
        ]),
      );
      const expected = (id: string) => {
        const p = plan.get(id)!;
        const first = [a, b, c].filter((u) => p[u.userId] === 'approve').length >= 2;
        const second = [d, e].some((u) => p[u.userId] === 'approve');
        return first && second ? 'approved' : 'rejected';
      };
      const accepted = new Map<string, number>();
      let refused = 0;
      const open = new Set(approvals);
      const client = async (u: { userId: string; api: Api }) => {
        while (open.size) {
          const mine = ((await u.api.expect(200, 'GET', '/v1/approval-tasks?assignee=me')).body.items as any[]).sort(
            () => Math.random() - 0.5,
          );
          if (mine.length === 0) {
            await sleep(20);
            continue;
          }
          await pool(mine, CLIENTS_PER_USER, async (t) => {
            const res = await u.api.call('POST', `/v1/approval-tasks/${t.id}/decision`, {
              decision: plan.get(t.approvalId)![u.userId],
            });
            if (res.status === 200) accepted.set(t.id, (accepted.get(t.id) ?? 0) + 1);
            else if (res.status === 409) refused += 1;
            else throw new Error(`decision answered ${res.status}: ${JSON.stringify(res.body)}`);
          });
        }
      };
      const watcher = async () => {
        while (open.size) {
          await pool([...open], 16, async (id) => {
            const status = (await owner.expect(200, 'GET', `/v1/approvals/${id}`)).body.approval.status;
            if (status !== 'running') open.delete(id);
          });
          await sleep(50);
        }
      };
      await Promise.all([watcher(), ...[a, b, c, d, e].map(client)]);
      const seconds = (performance.now() - started) / 1000;

      let wrong = 0;
      let decidedTwice = 0;
      let lost = 0;
      await pool(approvals, 16, async (id) => {
        const { approval, tasks } = (await owner.expect(200, 'GET', `/v1/approvals/${id}`)).body;
        if (approval.status !== expected(id)) wrong += 1;
        for (const t of tasks) {
          const decisions = t.history.filter((h: any) => h.type === 'decided').length;
          if (decisions > 1 || (accepted.get(t.id) ?? 0) > 1) decidedTwice += 1;
          if (accepted.has(t.id) && (decisions !== 1 || !t.decision)) lost += 1;
          if (!accepted.has(t.id) && t.decision) lost += 1;
        }
      });
      report('approvals.concurrent.wrongOutcomes', wrong, 'approvals', 0, {
        approvals: CONCURRENT,
        seconds: round(seconds, 1),
      });
      report('approvals.concurrent.decidedTwice', decidedTwice, 'tasks', 0, {
        accepted: accepted.size,
        refused409: refused,
      });
      report('approvals.concurrent.lostDecisions', lost, 'tasks', 0, {});
      report('approvals.concurrent.seconds', seconds, 's', null, {
        note: 'start of 200 approvals to the last outcome',
      });
    },
    { demo: false },
  ),
);
