import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { resetConfig } from '#config';
import { dealWithItems } from './helpers';
import { startLimitedApi } from './limited-api';

// The probe: three nested {{#each lineItems}} over 200 lines made an 8 MB body in 2.9 s and
// stalled the whole local API (/health waited 2.7 s). The Handlebars stage now runs on budgets
// (iterations, output, time) in a worker thread, so the request loop keeps answering.

const NESTED =
  '{{#each record.lineItems}}{{#each ../record.lineItems}}{{#each ../../record.lineItems}}<p>{{name}}</p>{{/each}}{{/each}}{{/each}}';

const template = (key: string, body: Record<string, unknown>) =>
  call('POST', '/v1/templates', { key, body: { name: 'Heavy', kind: 'other', entity: 'deal', ...body } });

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

async function healthLatencies(until: Promise<unknown>): Promise<number[]> {
  const apiUrl = inject('apiUrl');
  const took: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${apiUrl}/health`);
    await res.arrayBuffer();
    took.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 25));
  }
  return took;
}

describe('template budgets', () => {
  it('refuses three nested loops over 200 lines quickly with 400 TEMPLATE_TOO_EXPENSIVE (iterations) at body.body, in preview and generate; /health stays fast meanwhile', async () => {
    const t = await newTenant('Heavy Co');
    const { deal } = await dealWithItems(t.ownerKey, 200);
    const tpl = expectStatus(await template(t.ownerKey, { body: NESTED }), 201).body;
    // The worker thread starts with the first render of the process; that start is not the budget's.
    const light = expectStatus(await template(t.ownerKey, { body: '<p>{{record.title}}</p>' }), 201).body;
    expectStatus(
      await call('POST', `/v1/templates/${light.id}/preview`, {
        key: t.ownerKey,
        body: { sampleData: {}, format: 'html' },
      }),
      200,
    );

    // /health reads DynamoDB, S3 and a state machine: its time on this (shared, loaded) machine is the yardstick.
    const idle = await healthLatencies(new Promise((r) => setTimeout(r, 1000)));
    for (const format of ['html', 'pdf']) {
      const started = performance.now();
      const rendering = call('POST', `/v1/templates/${tpl.id}/preview`, {
        key: t.ownerKey,
        body: { record: { entity: 'deal', id: deal.id }, format },
      });
      const health = await healthLatencies(rendering);
      const res = expectStatus(await rendering, 400);
      const took = performance.now() - started;
      expect(res.body).toMatchObject({
        code: 'TEMPLATE_TOO_EXPENSIVE',
        budget: 'iterations',
        errors: [{ path: 'body.body' }],
      });
      expect(took).toBeLessThan(4000); // the probe: 2.9 s for three levels, ~10 min for four
      // 400 ms, or three times the idle answer when the machine alone is slower than that; before,
      // /health waited for the whole render (2.7 s for the probe): one slow answer. A render refused
      // quickly leaves time for few probes (often one), so the bound leaves room for one probe's noise
      // on a loaded machine (290 ms against 2 × 108 failed a full run) and still sits far below a
      // blocked answer. The latency is asserted, not how many probes there were.
      expect(health.length).toBeGreaterThan(0);
      const shown = JSON.stringify({ idle: idle.map(Math.round), during: health.map(Math.round) });
      expect(median(health), shown).toBeLessThan(Math.max(400, 3 * median(idle)));
      expect(Math.max(...health), shown).toBeLessThan(1000);
      console.log(
        JSON.stringify({
          name: `nested-each preview ${format}`,
          value: Math.round(took),
          unit: 'ms',
          health: health.map(Math.round),
        }),
      );
    }

    const generated = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
      }),
      400,
    );
    expect(generated.body).toMatchObject({
      code: 'TEMPLATE_TOO_EXPENSIVE',
      budget: 'iterations',
      errors: [{ path: 'body.body' }],
    });
    const docs = expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 200).body;
    expect(docs.items).toEqual([]);
  }, 120_000);

  it('stops output over the cap while rendering (budget: output), naming the part', async () => {
    const t = await newTenant('Wide Co');
    const { deal } = await dealWithItems(t.ownerKey, 200);
    // 200 x 200 iterations (within the iteration budget) of ~300 characters: ~12 MB, over the 10 MiB cap.
    const wide = `{{#each record.lineItems}}{{#each ../record.lineItems}}<p>${'x'.repeat(300)}</p>{{/each}}{{/each}}`;
    const tpl = expectStatus(await template(t.ownerKey, { body: '<p>ok</p>', footer: wide }), 201).body;
    const res = expectStatus(
      await call('POST', `/v1/templates/${tpl.id}/preview`, {
        key: t.ownerKey,
        body: { record: { entity: 'deal', id: deal.id }, format: 'html' },
      }),
      400,
    );
    expect(res.body).toMatchObject({
      code: 'TEMPLATE_TOO_EXPENSIVE',
      budget: 'output',
      errors: [{ path: 'body.footer' }],
    });
  }, 60_000);

  it('warns at save time about loops nested deeper than 2 over the same list', async () => {
    const t = await newTenant('Lint Co');
    const res = expectStatus(await template(t.ownerKey, { body: NESTED }), 201);
    expect(res.body.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'nested-loop', text: 'record.lineItems' })]),
    );
    const two = expectStatus(
      await template(t.ownerKey, {
        body: '{{#each record.lineItems}}{{#each ../record.lineItems}}{{name}}{{/each}}{{/each}}',
      }),
      201,
    );
    expect(two.body.warnings.filter((w: { kind: string }) => w.kind === 'nested-loop')).toEqual([]);
  });

  it("stops a template over RENDER_HTML_MS (budget: time), apart from Chromium's RENDER_TIMEOUT_MS", async () => {
    const api = await startLimitedApi();
    try {
      const t = await newTenant('Slow Fill Co');
      const { deal } = await dealWithItems(t.ownerKey, 200);
      const loops = '{{#each record.lineItems}}{{#each ../record.lineItems}}<p>{{name}}</p>{{/each}}{{/each}}';
      const tpl = expectStatus(await template(t.ownerKey, { body: loops }), 201).body;
      const preview = () =>
        api.call('POST', `/v1/templates/${tpl.id}/preview`, {
          key: t.ownerKey,
          body: { record: { entity: 'deal', id: deal.id }, format: 'html' },
        });
      expectStatus(await preview(), 200); // 40,000 iterations fit the default 2 s
      process.env.RENDER_HTML_MS = '1';
      resetConfig();
      const res = expectStatus(await preview(), 400);
      expect(res.body).toMatchObject({
        code: 'TEMPLATE_TOO_EXPENSIVE',
        budget: 'time',
        errors: [{ path: 'body.body' }],
      });
      expect(res.body.detail).toMatch(/longer than 1 ms/);
    } finally {
      delete process.env.RENDER_HTML_MS;
      resetConfig();
      await api.stop();
    }
  }, 120_000);
});
