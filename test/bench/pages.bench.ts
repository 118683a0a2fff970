// The pages' budgets on the local runtime: the approver's page warm p50 ≤ 50 ms, its weight before
// the document (HTML and stylesheets) ≤ 60 KB with no request leaving the origin, and a decision
// posted from the page until the next stage's task is listed p50 ≤ 300 ms.
import { createHash } from 'node:crypto';
import { Api } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { percentile, round } from '#test/bench/lib/stats';

const PAGE_SAMPLES = 100;
const DECISION_SAMPLES = 30;
const PDF = Buffer.from('%PDF-1.4\n%bench\n%%EOF\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T | undefined>, pauseMs = 2, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(pauseMs);
  }
}

await runBench('pages', () =>
  withRuntime(
    async (runtime) => {
      const admin = new Api(runtime.apiUrl, runtime.adminKey);
      const created = await admin.expect(201, 'POST', '/v1/admin/tenants', {
        name: 'Pages bench OÜ',
        plan: 'standard',
        seats: 5,
      });
      const owner = new Api(runtime.apiUrl, created.body.apiKey.secret);
      await owner.expect(200, 'PATCH', '/v1/tenant', { profile: { accentColor: '#0b6e4f', locale: 'et' } });
      const people = await Promise.all(
        ['first', 'second'].map(async (n) => {
          const userId = `bench-${n}`;
          const email = `${n}-${Math.random().toString(36).slice(2, 8)}@bench.example`;
          const key = (
            await owner.expect(201, 'POST', '/v1/api-keys', {
              name: n,
              role: 'member',
              userId,
              user: { name: n, email },
            })
          ).body.secret;
          return { userId, email, api: owner.withKey(key) };
        }),
      );
      const [first, second] = people;
      const route = (
        await owner.expect(201, 'POST', '/v1/approval-routes', {
          name: 'Two stages',
          stages: [
            {
              name: 'First',
              mode: 'all',
              approvers: [{ userId: first.userId }],
              deadline: 'P3D',
              onDeadline: 'remind',
            },
            { name: 'Second', mode: 'all', approvers: [{ userId: second.userId }] },
          ],
        })
      ).body;
      const seen = new Set<string>();
      /** A new approval's emailed token for the first approver. */
      const newToken = async (i: number) => {
        const ticket = (
          await owner.expect(201, 'POST', '/v1/uploads', {
            fileName: `contract ${i}.pdf`,
            contentType: 'application/pdf',
            size: PDF.length,
            sha256: createHash('sha256').update(PDF).digest('base64'),
          })
        ).body;
        const { 'content-length': _l, ...headers } = ticket.headers;
        await fetch(ticket.url, { method: 'PUT', headers, body: PDF });
        await until(async () =>
          (await owner.call('GET', `/v1/uploads/${ticket.uploadId}`)).body.status === 'completed' ? true : undefined,
        );
        const approval = (
          await owner.expect(201, 'POST', `/v1/documents/${ticket.documentId}/approvals`, { routeId: route.id })
        ).body;
        const token = await until(async () => {
          const { emails } = (await (await fetch(`${runtime.endpoints.ses}/store`)).json()) as {
            emails: Array<{ destination: { to: string[] }; body: { html?: string } }>;
          };
          for (const m of emails)
            if (m.destination.to.some((t) => t.includes(first.email))) {
              const t = /\/a\/(dal_[A-Za-z0-9_-]+)"/.exec(m.body.html ?? '')?.[1];
              if (t && !seen.has(t)) return t;
            }
          return undefined;
        }, 10);
        seen.add(token);
        return { token, approvalId: approval.id as string };
      };

      // 1. The page, warm: the same link opened again and again.
      const page = await newToken(0);
      const open = () => fetch(`${runtime.apiUrl}/a/${page.token}`).then(async (r) => ({ r, html: await r.text() }));
      for (let i = 0; i < 10; i++) await open();
      const times: number[] = [];
      let html = '';
      for (let i = 0; i < PAGE_SAMPLES; i++) {
        const t0 = performance.now();
        const { r, html: body } = await open();
        times.push(performance.now() - t0);
        if (r.status !== 200) throw new Error(`page answered ${r.status}`);
        html = body;
      }
      report('pages.approverPage.warm.p50', percentile(times, 50), 'ms', 50, {
        samples: times.length,
        p90: round(percentile(times, 90)),
        note: 'GET /a/{token} through the local gateway (client-side: server time plus a localhost round trip)',
      });

      // 2. Weight before the document: the HTML and the stylesheets it links; every URL same-origin.
      const linked = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
      const foreign = linked.filter((u) => /^[a-z]+:\/\//i.test(u) || u.startsWith('//'));
      const sheets = linked.filter((u) => u.startsWith('/pages/assets/'));
      let bytes = Buffer.byteLength(html);
      for (const s of sheets) bytes += (await (await fetch(`${runtime.apiUrl}${s}`)).arrayBuffer()).byteLength;
      report('pages.approverPage.weightBeforeDocument', bytes / 1024, 'KB', 60, {
        html: round(Buffer.byteLength(html) / 1024),
        stylesheets: sheets.length,
        foreignUrls: foreign.length,
        note: 'HTML + stylesheets; the PDF in the frame and the data: logo are not counted (no logo set)',
      });
      if (foreign.length) throw new Error(`the page names other origins: ${foreign.join(', ')}`);

      // 3. Decision posted from the page → the next stage's task listed.
      const latencies: number[] = [];
      for (let i = 1; i <= DECISION_SAMPLES; i++) {
        const { token, approvalId } = await newToken(i);
        const pageHtml = await (await fetch(`${runtime.apiUrl}/a/${token}`)).text();
        const nonce = /name="nonce" value="([^"]+)"/.exec(pageHtml)![1];
        const t0 = performance.now();
        const posted = await fetch(`${runtime.apiUrl}/a/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ nonce, decision: 'approve', lang: 'et' }).toString(),
        });
        await posted.text();
        if (posted.status !== 200) throw new Error(`decision answered ${posted.status}`);
        await until(
          async () =>
            ((await second.api.expect(200, 'GET', '/v1/approval-tasks?assignee=me')).body.items as any[]).find(
              (t) => t.approvalId === approvalId,
            ),
          1,
        );
        latencies.push(performance.now() - t0);
      }
      progress(`${latencies.length} decisions from the page`);
      report('pages.decisionToNextStageTasks.p50', percentile(latencies, 50), 'ms', 300, {
        samples: latencies.length,
        p90: round(percentile(latencies, 90)),
        note: 'POST /a/{token} (form) until GET /v1/approval-tasks?assignee=me lists the next stage task (polled)',
      });
    },
    { demo: false },
  ),
);
