import { describe, expect, it } from 'vitest';
import { SITE_CSS_NAME } from '#http/pages/stylesheet';
import { call, expectStatus, newTenant } from '../api-client';

// The pages' plumbing (issue 23): HTML replies, their security headers, the stylesheet route, error
// pages in the reader's language, the tenant's accent colour.

const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const headersOf = (h: Headers) => Object.fromEntries(Object.keys(PAGE_HEADERS).map((k) => [k, h.get(k)]));

describe('the pages foundation', () => {
  it('serves the stylesheet by its content name, cacheable for a year, and the accent stylesheet by colour', async () => {
    const css = expectStatus(await call('GET', `/pages/assets/${SITE_CSS_NAME}`), 200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('x-content-type-options')).toBe('nosniff');
    expect(css.body).toContain('box-sizing');
    // No request leaves the origin: no url() to anywhere, no @import, no web fonts.
    expect(css.body).not.toMatch(/url\(|@import|@font-face/);

    const dark = expectStatus(await call('GET', '/pages/assets/accent.1f4e79.css'), 200);
    expect(dark.body).toContain('--accent:#1f4e79;--on-accent:#ffffff');
    // A light accent gets dark text on its buttons: white on yellow would fail WCAG AA.
    const light = expectStatus(await call('GET', '/pages/assets/accent.ffd400.css'), 200);
    expect(light.body).toContain('--on-accent:#111111');
  });

  it("answers an unknown asset with a 404 page in the reader's language, with every security header", async () => {
    const en = expectStatus(await call('GET', '/pages/assets/site.0000.css'), 404);
    expect(en.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headersOf(en.headers)).toEqual(PAGE_HEADERS);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Link not found');
    const et = expectStatus(
      await call('GET', '/pages/assets/site.0000.css', { headers: { 'accept-language': 'et-EE,et;q=0.9,en;q=0.5' } }),
      404,
    );
    expect(et.body).toContain('<html lang="et">');
    expect(et.body).toContain('Linki ei leitud');
    // A page links only to its own origin's stylesheet: nothing third-party, no script.
    expect(et.body).toContain(`<link rel="stylesheet" href="/pages/assets/${SITE_CSS_NAME}">`);
    expect(et.body).not.toMatch(/<script|https?:\/\//);
  });

  it('turns a refusal the stack raises before the handler into a page, not a problem document', async () => {
    const long = expectStatus(await call('GET', `/pages/assets/${'x'.repeat(65)}`), 400);
    expect(long.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headersOf(long.headers)).toEqual(PAGE_HEADERS);
    expect(long.body).toContain('The request could not be completed');
    expect(long.body).not.toMatch(/VALIDATION|stack|at \w+ \(/);
  });

  it('answers a method a page does not take with a 405 page naming the methods it does', async () => {
    const res = expectStatus(await call('DELETE', `/pages/assets/${SITE_CSS_NAME}`), 405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headersOf(res.headers)).toEqual(PAGE_HEADERS);
  });

  it("keeps the tenant profile's accent colour as #rrggbb, lower case, and refuses anything else", async () => {
    const t = await newTenant();
    const saved = expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { accentColor: '#1F4E79' } } }),
      200,
    );
    expect(saved.body.profile.accentColor).toBe('#1f4e79');
    for (const accentColor of ['red', '#12345', '#1234567', 'rgb(0,0,0)', '#12345g']) {
      const refused = expectStatus(
        await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { accentColor } } }),
        400,
      );
      expect(refused.body.errors[0]).toMatchObject({
        path: 'body.profile.accentColor',
        message: 'must be a colour written #rrggbb',
      });
    }
    expect(expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body.profile.accentColor).toBe(
      '#1f4e79',
    );
    const cleared = expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { accentColor: null } } }),
      200,
    );
    expect(cleared.body.profile?.accentColor).toBeUndefined();
  });

  it('documents the pages as text/html operations with no security', async () => {
    const doc = expectStatus(await call('GET', '/v1/openapi.json'), 200).body;
    const op = doc.paths['/pages/assets/{name}'].get;
    expect(op.security).toEqual([]);
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/css']);
    expect(Object.keys(op.responses['404'].content)).toEqual(['text/html']);
    expect(op.responses['500']).toEqual({ $ref: '#/components/responses/InternalServerError' });
  });
});
