import type { TenantProfile } from '#core/tenancy/profile';
import type { Reply } from '#http/route';
import { accentCssName, SITE_CSS_NAME } from '#http/pages/stylesheet';
import { STRINGS, type PageLanguage, type PageStrings } from '#http/pages/strings';

/** Everything a page may load: its stylesheets, the logo inline, the document in a frame, its own forms. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * On every page: the token is in the path, so no request the page makes may carry it in a Referer,
 * and no cache may keep a page (it shows a document and acts with the token).
 */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text into HTML (element content or a quoted attribute). */
export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

export interface Branding {
  name: string;
  profile?: TenantProfile;
}

export interface PageShell {
  lang: PageLanguage;
  title: string;
  /** The tenant whose page it is; none on a page that knows no tenant (an unknown token). */
  brand?: Branding;
  /** The same page in the other language (a path with `?lang=`); none where switching means nothing. */
  switchHref?: (lang: PageLanguage) => string;
  body: string;
}

const LOGO = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/;

/** The page around its content: branding, language switch, one stylesheet (and the accent's). */
export function layout({ lang, title, brand, switchHref, body }: PageShell): string {
  const t = STRINGS[lang];
  const other: PageLanguage = lang === 'et' ? 'en' : 'et';
  const accent = accentCssName(brand?.profile?.accentColor);
  const logo = brand?.profile?.logo && LOGO.test(brand.profile.logo) ? brand.profile.logo : undefined;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${esc(brand ? `${title} – ${brand.name}` : title)}</title>`,
    `<link rel="stylesheet" href="/pages/assets/${SITE_CSS_NAME}">`,
    ...(accent ? [`<link rel="stylesheet" href="/pages/assets/${accent}">`] : []),
  ].join('\n');
  const brandHtml = brand
    ? `<div class="brand">${logo ? `<img src="${esc(logo)}" alt="">` : ''}<span>${esc(brand.name)}</span></div>`
    : '';
  const switcher = switchHref
    ? `<a class="lang" href="${esc(switchHref(other))}" lang="${other}" hreflang="${other}">${esc(t.otherLanguage)}</a>`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
${head}
</head>
<body>
${brandHtml || switcher ? `<a class="skip" href="#main">${lang === 'et' ? 'Sisu juurde' : 'Skip to content'}</a>` : ''}
${brandHtml || switcher ? `<header class="top"><div class="top-inner">${brandHtml}${switcher}</div></header>` : '<div class="rule"></div>'}
<main id="main">
${body}
</main>
<footer>${esc(t.footer)}</footer>
</body>
</html>
`;
}

/** A page reply with the security headers. */
export const pageReply = (status: number, html: string, headers: Record<string, string> = {}): Reply => ({
  status,
  html,
  headers: { ...PAGE_HEADERS, ...headers },
});

/** A refusal as a page in the reader's language: a heading and what to do; never internals. */
export function errorPage(
  status: number,
  lang: PageLanguage,
  opts: {
    title?: string;
    text?: string[];
    brand?: Branding;
    switchHref?: (l: PageLanguage) => string;
    headers?: Record<string, string>;
  } = {},
): Reply {
  const t = STRINGS[lang];
  const [title, text] = defaultsFor(status, t);
  const paragraphs = opts.text ?? [text];
  const body = `<h1>${esc(opts.title ?? title)}</h1>\n<div class="notice">${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}</div>`;
  return pageReply(
    status,
    layout({ lang, title: opts.title ?? title, brand: opts.brand, switchHref: opts.switchHref, body }),
    opts.headers,
  );
}

function defaultsFor(status: number, t: PageStrings): [string, string] {
  if (status === 404) return [t.notFoundTitle, t.notFoundText];
  if (status === 410) return [t.goneTitle, t.closedText];
  if (status === 429) return [t.tooManyTitle, t.tooManyText];
  if (status === 405) return [t.badRequestTitle, t.methodText];
  if (status >= 400 && status < 500) return [t.badRequestTitle, t.badRequestText];
  return [t.errorTitle, t.badRequestText];
}
