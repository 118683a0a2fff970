import { BUILT_IN_EMAILS } from '#templates/email/index';
import { DomainError } from '#core/errors';
import { idPattern } from '#core/ids';
import { renderPart, unescapeHtml } from '#core/templates/engine';
import { RenderBudget, type HtmlLimits } from '#core/templates/budget';
import type { TemplatesStore } from '#core/templates/ports';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** What an email is rendered from: a built-in (templates/email/) or a tenant's `kind: "email"` template. */
export interface EmailTemplateSource {
  /** Compiled templates are cached under it: a template version never changes. */
  cacheKey: string;
  subject: string;
  html: string;
  locale: string;
  /** A built-in: its words follow the send's language (send-document.ts), not `locale`. */
  builtIn?: boolean;
}

export const DEFAULT_EMAIL_TEMPLATE = 'document';

/**
 * A tenant's email template is Handlebars too, and its data has lists (the message's paragraphs and
 * lines, up to thousands): loops nested over them would run for hours. The documents' iteration and
 * time budgets apply, with an output cap far above any real email (mail clients clip at ~100 KB).
 * It runs in-process: its data is small, so the time budget, checked at every iteration, is the
 * bound that matters, and the sending function serves nothing else while it runs on AWS.
 */
export const EMAIL_LIMITS: HtmlLimits = { maxBytes: 2 * 1024 * 1024, timeMs: 2_000 };

/**
 * Subject and HTML through the document templates' engine (same helpers, escaped output, no
 * prototype access); the text part made from the HTML. A subject is text: the engine's escaping
 * is undone there, and it is kept to one line whatever the data held.
 */
export function renderEmail(source: EmailTemplateSource, data: Record<string, unknown>): RenderedEmail {
  const ctx = { locale: source.locale };
  const budget = new RenderBudget(EMAIL_LIMITS);
  // Over a budget: the request named the template by `templateId`, so that is the field at fault.
  budget.path = 'templateId';
  budget.part = 'subject';
  const subject = unescapeHtml(renderPart(`${source.cacheKey}:subject`, source.subject, data, ctx, budget))
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim();
  budget.part = 'html';
  const html = renderPart(`${source.cacheKey}:html`, source.html, data, ctx, budget);
  return { subject, html, text: plainText(html) };
}

/**
 * The built-ins by name (`document`, `offer`, `contract`, `invoice`), tenant templates by `tpl_` id.
 * undefined: no such template in the tenant; 'not-email': a document template.
 */
export async function findEmailTemplate(
  templates: Pick<TemplatesStore, 'get'>,
  tenantId: string,
  templateId: string,
): Promise<EmailTemplateSource | 'not-email' | undefined> {
  if (Object.hasOwn(BUILT_IN_EMAILS, templateId)) {
    const builtIn = BUILT_IN_EMAILS[templateId as keyof typeof BUILT_IN_EMAILS];
    return {
      cacheKey: `builtin:${templateId}`,
      subject: builtIn.subject,
      html: builtIn.html,
      locale: 'en',
      builtIn: true,
    };
  }
  if (!idPattern('tpl').test(templateId)) return undefined;
  const template = await templates.get(tenantId, templateId);
  if (!template) return undefined;
  if (template.kind !== 'email') return 'not-email';
  return {
    cacheKey: `${template.id}@${template.version}`,
    subject: template.subject,
    html: template.css ? `<style>${template.css}</style>\n${template.body}` : template.body,
    locale: template.locale,
  };
}

/** The template a send names, or 400 at `templateId`. */
export async function emailTemplateFor(
  templates: Pick<TemplatesStore, 'get'>,
  tenantId: string,
  templateId: string,
): Promise<EmailTemplateSource> {
  const found = await findEmailTemplate(templates, tenantId, templateId);
  if (found === undefined || found === 'not-email')
    throw new DomainError('VALIDATION', 'No such email template.', [
      {
        path: 'templateId',
        message:
          found === 'not-email'
            ? `${templateId} is a document template, not an email template (kind "email").`
            : `There is no email template ${templateId}.`,
      },
    ]);
  return found;
}

// The plain-text part, made from the HTML part: mail clients that show text (and spam filters
// that compare both) see the same words. Emails are simple HTML, so a few rules suffice.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#39': "'",
  '#x3D': '=',
  '#x60': '`',
  nbsp: ' ',
};

export function plainText(html: string): string {
  return (
    html
      .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
      // As a browser does: source line breaks and runs of spaces are one space; only tags break lines.
      .replace(/\s+/g, ' ')
      // A link marked data-plain="label" (a button whose URL the email repeats as a fallback line)
      // is its label alone: the text part shows each URL once.
      .replace(/<a\s([^>]*)>([\s\S]*?)<\/a>/gi, (whole, attrs: string, text: string) => {
        const href = /\bhref="([^"]*)"/i.exec(attrs)?.[1];
        if (href === undefined) return whole;
        if (/\bdata-plain="label"/i.test(attrs) && text.trim()) return text;
        return text.trim() && text.trim() !== href ? `${text} (${href})` : href;
      })
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|li|tr|table)>/gi, '\n\n')
      .replace(/<li[^>]*>/gi, '- ')
      .replace(/<[^>]+>/g, '')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => ENTITIES[name] ?? decodeNumeric(name) ?? m)
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

function decodeNumeric(name: string): string | undefined {
  if (!name.startsWith('#')) return undefined;
  const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : undefined;
}
