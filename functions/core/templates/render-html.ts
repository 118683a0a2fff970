import { RenderBudget, type HtmlLimits } from '#core/templates/budget';
import { renderPart } from '#core/templates/engine';
import type { Paper, TemplateContent } from '#core/templates/template';

/** A rendered template: the page, Chromium's header and footer, and the paper to print on. */
export interface RenderedHtml {
  html: string;
  header: string;
  footer: string;
  paper: Paper;
}

// Base styles every document gets: DejaVu Sans (bundled with the renderer, templates/fonts; rendering
// has no network), print colours.
const BASE_CSS = `*{box-sizing:border-box}html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;font-size:10pt;color:#1f2933;line-height:1.45}`;

/** `</style` inside tenant CSS would end the style element early. */
const safeCss = (css: string) => css.replace(/<\/(style)/gi, '<\\/$1');
const escapeAttr = (s: string) => s.replace(/[^A-Za-z0-9-]/g, '');

export type TemplateSource = Pick<TemplateContent, 'body' | 'css' | 'header' | 'footer' | 'paper' | 'locale'> & {
  /** The document's name: Chromium makes the page's `<title>` the PDF's Title (what a reader's title bar shows). */
  title?: string;
};

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `cacheKey` names the template version, so each part compiles once per version and process.
 * With `limits`, the Handlebars stage runs on a budget (budget.ts): TEMPLATE_TOO_EXPENSIVE naming the part.
 */
export function renderHtml(
  template: TemplateSource,
  data: Record<string, unknown>,
  cacheKey?: string,
  limits?: HtmlLimits,
): RenderedHtml {
  const ctx = { locale: template.locale, currency: data.currency as string | undefined };
  const budget = limits && new RenderBudget(limits);
  const part = (name: 'body' | 'header' | 'footer') => {
    if (budget) budget.part = name;
    const out = renderPart(cacheKey && `${cacheKey}#${name}`, template[name], data, ctx, budget);
    budget?.checkTime();
    return out;
  };
  const body = part('body');
  const html = `<!doctype html><html lang="${escapeAttr(template.locale)}"><head><meta charset="utf-8">${template.title ? `<title>${escapeText(template.title)}</title>` : ''}<style>${BASE_CSS}\n${safeCss(template.css)}</style></head><body>${body}</body></html>`;
  return { html, header: part('header'), footer: part('footer'), paper: template.paper };
}
