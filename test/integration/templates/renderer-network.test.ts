import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { dealWithItems } from './helpers';

// The renderer reaches no network: a listener on 127.0.0.1 must see no request at all while
// templates carrying every way HTML and CSS can name a URL are rendered, in the body, the header
// and the footer, through preview and through generate. The probe found `<link rel=prefetch>`
// fetched past request interception; the rest of its list, and the prefetch family, stay here.

const hits: string[] = [];
const server = createServer((req, res) => {
  hits.push(`${req.method} ${req.url}`);
  res.setHeader('content-type', 'text/css');
  res.end('body{color:red}');
});
let port = 0;

/** Every vector gets its own path, `/<vector>/<part>`, so a hit names what leaked and from where. */
const VECTORS: Record<string, (url: string) => string> = {
  'img src': (u) => `<img src="${u}">`,
  'img srcset': (u) => `<img srcset="${u} 1x, ${u}-2 2x">`,
  'picture source srcset': (u) => `<picture><source srcset="${u}"><img alt="p"></picture>`,
  'iframe src': (u) => `<iframe src="${u}"></iframe>`,
  'iframe srcdoc': (u) => `<iframe srcdoc="<img src='${u}'>"></iframe>`,
  'object data': (u) => `<object data="${u}"></object>`,
  'embed src': (u) => `<embed src="${u}">`,
  'video poster': (u) => `<video poster="${u}"></video>`,
  'video and audio src': (u) => `<video src="${u}"></video><audio src="${u}-a"></audio>`,
  'script src': (u) => `<script src="${u}"></script>`,
  'input type=image': (u) => `<input type="image" src="${u}" alt="i">`,
  'table background': (u) => `<table background="${u}"><tr><td>t</td></tr></table>`,
  'link stylesheet': (u) => `<link rel="stylesheet" href="${u}">`,
  'link preload': (u) => `<link rel="preload" as="image" href="${u}">`,
  'link icon': (u) => `<link rel="icon" href="${u}">`,
  'link prefetch': (u) => `<link rel="prefetch" href="${u}">`,
  'link prerender': (u) => `<link rel="prerender" href="${u}">`,
  'link preconnect': (u) => `<link rel="preconnect" href="${u}">`,
  'link dns-prefetch': (u) => `<link rel="dns-prefetch" href="${u}">`,
  'link modulepreload': (u) => `<link rel="modulepreload" href="${u}">`,
  'link prefetch, upper case and unquoted': (u) => `<LINK REL=PREFETCH HREF=${u}>`,
  'link prefetch among other rels': (u) => `<link rel="alternate  prefetch" href="${u}">`,
  'link prefetch hidden after a --!> comment end': (u) => `<!--x--!><link rel="prefetch" href="${u}">-->`,
  'link prefetch inside svg title': (u) => `<svg><title><link rel="prefetch" href="${u}"></title></svg>`,
  'link prefetch inside noscript': (u) => `<noscript><link rel="prefetch" href="${u}"></noscript>`,
  'meta refresh': (u) => `<meta http-equiv="refresh" content="0;url=${u}">`,
  'base href with a relative img': (u) => `<base href="${u}/"><img src="relative.png">`,
  'CSS @import': (u) => `<style>@import url("${u}");</style>`,
  'CSS url() background': (u) => `<style>p{background:url(${u})}</style><p>bg</p>`,
  'CSS image-set()': (u) => `<style>p{background-image:image-set("${u}" 1x)}</style><p>is</p>`,
  'CSS @font-face': (u) => `<style>@font-face{font-family:Leak;src:url(${u})}p{font-family:Leak}</style><p>f</p>`,
  'style attribute url()': (u) => `<div style="background:url('${u}')">s</div>`,
  'a ping': (u) => `<a href="#x" ping="${u}">ping</a>`,
  'form action and button formaction': (u) =>
    `<form action="${u}" method="post"><button formaction="${u}-b">go</button></form>`,
  'SVG image xlink:href': (u) =>
    `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="${u}" width="10" height="10"/></svg>`,
  'SVG use href': (u) => `<svg><use href="${u}#x"/></svg>`,
  'unquoted URL': (u) => `<img src=${u}>`,
  'entity-encoded URL': (u) => `<img src="${[...u].map((c) => `&#${c.charCodeAt(0)};`).join('')}">`,
  'entity-encoded prefetch rel and URL': (u) =>
    `<link rel="&#112;refetch" href="${u.replace('http', '&#104;ttp').replaceAll('/', '&#x2f;')}">`,
  'host name for loopback (localhost)': (u) => `<img src="${u.replace('127.0.0.1', 'localhost')}">`,
};

type Part = 'body' | 'header' | 'footer';

let t: TestTenant;
let dealId = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  t = await newTenant('Network Co');
  dealId = (await dealWithItems(t.ownerKey, 1)).deal.id;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const settle = () => new Promise((r) => setTimeout(r, 300)); // a prefetch may leave after the PDF is back

describe('the PDF renderer reaches no network', () => {
  it.each(Object.keys(VECTORS))(
    '%s in body, header and footer: no request, through preview and generate, and the PDF renders',
    async (vector) => {
      const slug = vector.replace(/[^a-z0-9]+/gi, '-');
      const part = (p: Part) => `<span>${p} text</span>${VECTORS[vector]!(`http://127.0.0.1:${port}/${slug}/${p}`)}`;
      const tpl = expectStatus(
        await call('POST', '/v1/templates', {
          key: t.ownerKey,
          body: {
            name: `Vector ${slug}`.slice(0, 200),
            kind: 'other',
            entity: 'deal',
            body: `<h1>Still rendered</h1>${part('body')}`,
            header: part('header'),
            footer: part('footer'),
          },
        }),
        201,
      ).body;
      const preview = expectStatus(
        await call('POST', `/v1/templates/${tpl.id}/preview`, {
          key: t.ownerKey,
          body: { record: { entity: 'deal', id: dealId }, format: 'pdf' },
        }),
        200,
      );
      expect(preview.body.pages).toBeGreaterThanOrEqual(1);
      const generated = await call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: dealId } },
      });
      expect([201, 202], JSON.stringify(generated.body)).toContain(generated.status);
      await settle();
      expect(hits.filter((h) => h.includes(`/${slug}/`))).toEqual([]);
    },
    60_000,
  );

  it('saw no request of any kind once every vector was rendered', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    expect(hits).toEqual([]);
  });
});
