import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { dealWithItems } from './helpers';

// A header that crashes Chromium (a data: stylesheet importing a URL it cannot fetch: the sanitiser
// keeps data: URLs, and the failed import takes the whole browser down, --single-process) must fail
// only its own render, as the template's fault, while another tenant's renders in flight succeed.
const CRASHING_HEADER = '<link rel="stylesheet" href="data:text/css,@import url(http://127.0.0.1:9/x);"><span>H</span>';

const template = (key: string, body: Record<string, unknown>) =>
  call('POST', '/v1/templates', { key, body: { name: 'T', kind: 'other', entity: 'deal', ...body } });

describe('a template that crashes the renderer', () => {
  it("fails only its own render with 400 at body.header; another tenant's concurrent renders all succeed; the next render gets a healthy browser", async () => {
    const [a, b] = await Promise.all([newTenant('Crasher'), newTenant('Bystander')]);
    const bad = expectStatus(
      await template(a.ownerKey, { body: '<p>Body</p>', header: CRASHING_HEADER, footer: '<span>F</span>' }),
      201,
    ).body;
    const good = expectStatus(
      await template(b.ownerKey, { body: '<h1>Fine</h1><p>{{record.title}}</p>', footer: '<span>Page</span>' }),
      201,
    ).body;
    const preview = (key: string, id: string) =>
      call('POST', `/v1/templates/${id}/preview`, {
        key,
        body: { sampleData: { record: { title: 'x' } }, format: 'pdf' },
      });

    const bystanders = Array.from({ length: 10 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 40)).then(() => preview(b.ownerKey, good.id)),
    );
    const crashed = await preview(a.ownerKey, bad.id);
    const others = await Promise.all(bystanders);

    expectStatus(crashed, 400);
    expect(crashed.body).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'body.header' }] });
    expect(crashed.body.detail).toMatch(/header crashes the PDF renderer/);
    expect(others.map((r) => (r.status === 200 ? 200 : `${r.status} ${JSON.stringify(r.body)}`))).toEqual(
      Array(10).fill(200),
    );
    expect(expectStatus(await preview(b.ownerKey, good.id), 200).body.pages).toBe(1);
  }, 120_000);

  it('fails a generation the same way (crashing footer): 400 at body.footer, never 503, and keeps nothing', async () => {
    const t = await newTenant('Crash Generate');
    const { deal } = await dealWithItems(t.ownerKey, 1);
    const tpl = expectStatus(await template(t.ownerKey, { body: '<p>Body</p>', footer: CRASHING_HEADER }), 201).body;
    const res = await call('POST', '/v1/documents/generate', {
      key: t.ownerKey,
      body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
    });
    expectStatus(res, 400);
    expect(res.body).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'body.footer' }] });
    const docs = expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 200).body;
    expect(docs.items).toEqual([]);
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body;
    expect(usage).toMatchObject({ usedBytes: 0, reservedBytes: 0 });
  }, 120_000);
});
