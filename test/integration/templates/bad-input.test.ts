import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { builtin, dealWithItems, pdfText } from './helpers';

const hits: string[] = [];
const server = createServer((req, res) => {
  hits.push(req.url ?? '');
  res.end('body{color:red}');
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const template = (key: string, body: Record<string, unknown>) =>
  call('POST', '/v1/templates', { key, body: { name: 'T', kind: 'other', entity: 'deal', ...body } });

describe('templates refuse or neutralise bad input', () => {
  it('answers a syntax error with 400 naming the part, line and column', async () => {
    const t = await newTenant();
    const res = expectStatus(await template(t.ownerKey, { body: '<p>ok</p>\n<p>{{#if record.title}}open' }), 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.body', line: 2 })]);
    expect(res.body.errors[0].column).toBeGreaterThan(0);
    const bad = expectStatus(await template(t.ownerKey, { body: 'x', footer: '{{foo' }), 400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'body.footer', line: 1 });
  });

  it('warns about unknown variables and misspellings but saves', async () => {
    const t = await newTenant();
    const res = expectStatus(
      await template(t.ownerKey, { body: '<p>Thankk you, {{contact.fullName}} {{record.titel}}</p>' }),
      201,
    );
    expect(res.body.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'unknown-variable', text: 'record.titel', line: 1 }),
        expect.objectContaining({ kind: 'spelling', text: 'Thankk', suggestions: expect.arrayContaining(['Thank']) }),
      ]),
    );
  });

  it('runs no code through constructor, __proto__ or lookup tricks and escapes output', async () => {
    const t = await newTenant();
    const tpl = expectStatus(
      await template(t.ownerKey, {
        body: '[{{constructor.constructor}}][{{__proto__}}][{{lookup this "constructor"}}][{{#with __proto__}}{{toString}}{{/with}}][{{record.title}}]',
      }),
      201,
    ).body;
    const res = expectStatus(
      await call('POST', `/v1/templates/${tpl.id}/preview`, {
        key: t.ownerKey,
        body: { sampleData: { record: { title: '<script>alert(1)</script>' } }, format: 'html' },
      }),
      200,
    );
    expect(res.body.html).toContain('<body>[][][][][&lt;script&gt;alert(1)&lt;/script&gt;]</body>');
  });

  it('fetches nothing while rendering a PDF: no test server hit, no metadata, no file, and the PDF renders', async () => {
    const t = await newTenant();
    const body = `<img src="${base}/img.png"><link rel="stylesheet" href="${base}/link.css">
<iframe src="${base}/frame"></iframe><script src="${base}/script.js"></script><img src="http://169.254.169.254/latest/meta-data/">
<iframe src="file:///etc/passwd"></iframe><div style="background:url(${base}/bg.png)">Still rendered</div>`;
    const css = `@import url("${base}/import.css"); @font-face { font-family: X; src: url(${base}/font.woff); } p { font-family: X; background: url(${base}/css-bg.png) }`;
    const tpl = expectStatus(
      await template(t.ownerKey, { body, css, footer: `<img src="${base}/footer.png">` }),
      201,
    ).body;
    const res = expectStatus(
      await call('POST', `/v1/templates/${tpl.id}/preview`, {
        key: t.ownerKey,
        body: { sampleData: {}, format: 'pdf' },
      }),
      200,
    );
    const { text } = await pdfText(Buffer.from(res.body.pdf, 'base64'));
    expect(text).toContain('Still rendered');
    expect(text).not.toContain('root:');
    expect(hits).toEqual([]);
  });

  it("answers 404 for another tenant's template or record, 403 for a viewer", async () => {
    const a = await newTenant('A');
    const b = await newTenant('B');
    const tplA = await builtin(a.ownerKey, 'offer');
    const { deal: dealA } = await dealWithItems(a.ownerKey, 1);
    const tplB = await builtin(b.ownerKey, 'offer');
    const { deal: dealB } = await dealWithItems(b.ownerKey, 1);
    const gen = (key: string, templateId: string, id: string) =>
      call('POST', '/v1/documents/generate', { key, body: { templateId, record: { entity: 'deal', id } } });
    expectStatus(await gen(b.ownerKey, tplA.id, dealB.id), 404);
    expectStatus(await gen(b.ownerKey, tplB.id, dealA.id), 404);
    expectStatus(await call('GET', `/v1/templates/${tplA.id}`, { key: b.ownerKey }), 404);
    const viewer = await newKey(a, 'viewer');
    expectStatus(await gen(viewer, tplA.id, dealA.id), 403);
  });
});
