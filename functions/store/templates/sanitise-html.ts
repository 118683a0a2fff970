import { Parser } from 'htmlparser2';

// What a template's HTML must not carry into Chromium. The browser is launched with no network
// (chromium-pdf.ts), which is the guarantee; this removes what would ask for the network past
// request interception anyway (prefetch and friends are fetched by the browser, not the page, and
// in a header or footer they have crashed Chromium), or move the page (refresh, <base>).
//
// Only the offending spans are cut out of the source: everything else reaches Chromium byte for
// byte, so documents look exactly as before. The source is tokenised twice, as HTML and as XML,
// and a span found by either is cut: htmlparser2 reads <title>, <textarea>, <style> and <script>
// as text in HTML mode, but inside <svg> Chromium parses markup there, and XML mode sees it.

const PREFETCHING = new Set(['prefetch', 'prerender', 'preconnect', 'dns-prefetch', 'modulepreload']);

// Attributes whose value a browser may fetch or navigate to.
const URL_ATTRIBUTES = new Set([
  'src',
  'href',
  'xlink:href',
  'srcset',
  'imagesrcset',
  'poster',
  'data',
  'action',
  'formaction',
  'ping',
  'background',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'cite',
  'manifest',
  'codebase',
  'archive',
  'profile',
  'icon',
]);

export interface SanitiseOptions {
  /**
   * Chromium's header and footer are printed outside the page, where request interception does
   * not reach: keep only data: URLs there (and no <link> naming anything else).
   */
  inlineOnly?: boolean;
}

type Cut = { start: number; end: number; with: string };

const words = (v: string | undefined) => (v ?? '').toLowerCase().split(/[\s\u0000-\u0020]+/);
// Browsers strip leading and embedded whitespace/controls before reading a URL's scheme.
const isData = (v: string) => /^data:/i.test(v.replace(/[\u0000-\u0020\u007f]/g, ''));
const attrValue = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

// CSS escapes spell `url(` as `\75 rl(`: read hex and letter escapes first (a quote, backslash or
// line break stays escaped, so strings keep their ends), then neutralise what loads a resource.
const unescapeCss = (css: string) =>
  css
    .replace(/\\([0-9a-f]{1,6})[ \t\n]?/gi, (m, hex: string) => {
      const c = String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd);
      return /["'\\\n\r\f]/.test(c) ? m : c;
    })
    .replace(/\\([g-z])/gi, '$1');
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)/gi;
const CSS_STRING_LOAD = /((?:-webkit-)?image-set|image|src)\(\s*(["'])(.*?)\2/gi;

/**
 * Header and footer CSS that loads only data: URLs. A stylesheet or font Chromium cannot fetch there
 * has crashed the whole browser, so an `@import` or a `url()` naming anything else goes.
 */
export function inlineOnlyCss(css: string): string {
  if (!/[\\@(]/.test(css)) return css;
  const plain = unescapeCss(css);
  const out = plain
    .replace(/@import\b[^;]*;?/gi, '')
    .replace(CSS_URL, (m, a?: string, b?: string, c?: string) => (isData(a ?? b ?? c ?? '') ? m : 'url("")'))
    .replace(CSS_STRING_LOAD, (m, fn: string, q: string, v: string) => (isData(v) ? m : `${fn}(${q}${q}`));
  return out === plain ? css : out;
}

/** What to do with one start tag: keep it (undefined), drop it (''), or write it again without some attributes. */
function verdict(name: string, attribs: Record<string, string>, inlineOnly: boolean): string | undefined {
  if (name === 'base') return '';
  if (name === 'meta' && attribs['http-equiv'] !== undefined) {
    // Only the charset/content-type kind is harmless; refresh navigates, others set policies.
    return /^\s*content-type\s*$/i.test(attribs['http-equiv']) ? undefined : '';
  }
  if (name === 'link') {
    if (words(attribs.rel).some((w) => PREFETCHING.has(w))) return '';
    if (inlineOnly && !isData(attribs.href ?? '')) return '';
  }
  if (!inlineOnly) return undefined;
  let changed = false;
  const kept = Object.entries(attribs).flatMap(([k, v]): Array<[string, string]> => {
    if (URL_ATTRIBUTES.has(k) && !isData(v)) return ((changed = true), []);
    if (k !== 'style') return [[k, v]];
    const css = inlineOnlyCss(v);
    changed ||= css !== v;
    return [[k, css]];
  });
  return changed ? `<${name}${kept.map(([k, v]) => ` ${k}="${attrValue(v)}"`).join('')}>` : undefined;
}

function collect(html: string, xmlMode: boolean, inlineOnly: boolean, cuts: Cut[]): void {
  let styles = 0; // open <style> elements (HTML mode reads their content as raw text, as Chromium does)
  const parser: Parser = new Parser(
    {
      ontext(text) {
        if (xmlMode || !inlineOnly || !styles) return;
        const css = inlineOnlyCss(text);
        if (css !== text) cuts.push({ start: parser.startIndex, end: parser.endIndex + 1, with: css });
      },
      onclosetag(name) {
        if (name.toLowerCase() === 'style' && styles) styles--;
      },
      onopentag(rawName, rawAttribs, isImplied) {
        if (isImplied) return;
        const name = rawName.toLowerCase();
        if (name === 'style') styles++;
        const attribs = Object.fromEntries(Object.entries(rawAttribs).map(([k, v]) => [k.toLowerCase(), v]));
        const replacement = verdict(name, attribs, inlineOnly);
        if (replacement === undefined) return;
        // XML mode only ever drops: a tag it rewrites is one HTML mode rewrites too.
        if (xmlMode && replacement !== '') return;
        cuts.push({ start: parser.startIndex, end: parser.endIndex + 1, with: replacement });
      },
      // A comment shows nothing; cut whole, as htmlparser2 delimits it, it cannot hide markup that
      // Chromium would end the comment before (`<!--x--!><link …>-->`).
      oncommentend() {
        if (!xmlMode) cuts.push({ start: parser.startIndex, end: parser.endIndex + 1, with: '' });
      },
    },
    { xmlMode, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.end(html);
}

/** The HTML without prefetch-family links, meta http-equiv other than content-type, <base> and comments. */
export function sanitiseHtml(html: string, { inlineOnly = false }: SanitiseOptions = {}): string {
  if (!html) return html;
  const cuts: Cut[] = [];
  collect(html, false, inlineOnly, cuts);
  collect(html, true, inlineOnly, cuts);
  if (!cuts.length) return html;
  cuts.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const cut of cuts) {
    if (cut.end <= at) continue; // inside a span already cut
    // Overlapping spans (the two readings disagree on where a tag ends): drop the union.
    out += html.slice(at, Math.max(at, cut.start)) + (cut.start >= at ? cut.with : '');
    at = cut.end;
  }
  return out + html.slice(at);
}
