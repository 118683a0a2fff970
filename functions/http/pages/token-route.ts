import * as z from 'zod';
import { contentDisposition } from '#core/documents/content-disposition';
import { retryAfter } from '#http/pages/guard';
import { errorPage } from '#http/pages/layout';
import { isPageLanguage, pageLanguage, type PageLanguage } from '#http/pages/strings';
import type { Reply } from '#http/route';

// What the approver's page (/a/{token}) and the client's page (/s/{token}) read and answer alike: the
// token in the path, the language, the forms, and the document inline in the page's frame.

export type Headers = Record<string, string>;

// Not strict: a mail client may add its own parameters to a link.
export const Lang = z.object({
  lang: z.string().max(16).optional().describe("`et` or `en`; else the document's language, else the tenant's."),
});
export const FileQuery = Lang.extend({
  download: z
    .string()
    .max(8)
    .optional()
    .describe('Any value: a 302 to the file as an attachment instead of the inline view.'),
});
export const FORM = 'application/x-www-form-urlencoded';

/** Before a token is read: `?lang=`, else the browser's first language. */
export const readerLanguage = (query: { lang?: string }, headers: Headers): PageLanguage =>
  pageLanguage(query.lang, headers['accept-language']?.split(',')[0]);

/** A form states the language its page was in, so the answer is in it too. */
export const formLang = (fields: URLSearchParams, query: { lang?: string }, headers: Headers): PageLanguage => {
  const given = fields.get('lang');
  return isPageLanguage(given) ? given : readerLanguage(query, headers);
};

export const formOf = (raw: Buffer | undefined) => new URLSearchParams(raw?.toString('utf8') ?? '');

export const tooMany = (lang: PageLanguage, now: Date) =>
  errorPage(429, lang, { headers: { 'retry-after': retryAfter(now) } });

/** What every token route declares: public, answered as HTML pages (refusals before the handler too). */
export const tokenRoute = (tokenDescription: string) => ({
  tag: 'Pages',
  auth: 'public' as const,
  html: true,
  htmlError: (status: number, { headers, query }: { headers: Headers; query: Record<string, string | undefined> }) =>
    errorPage(status, readerLanguage(query, headers)),
  params: z.strictObject({ token: z.string().min(1).max(256).describe(tokenDescription) }),
  errors: [410],
});

/** A PDF up to this size is shown in the page's frame; a larger one is offered for download only. */
export const INLINE_MAX_BYTES = 4 * 1024 * 1024;

/** A link to a token page (`root` is `/a` or `/s`) or one of its routes, in a language. */
export const tokenPath =
  (root: '/a' | '/s') =>
  (token: string, suffix = '', lang?: PageLanguage, extra = ''): string => {
    const q = [lang ? `lang=${lang}` : '', extra].filter(Boolean).join('&');
    return `${root}/${encodeURIComponent(token)}${suffix}${q ? `?${q}` : ''}`;
  };

/** A PDF for the page's own frame. */
export const inlinePdf = (bytes: Buffer, fileName: string): Reply => ({
  status: 200,
  bytes,
  headers: {
    'content-type': 'application/pdf',
    'content-disposition': contentDisposition(fileName).replace(/^attachment/, 'inline'),
    // Shown in the page's own frame, and nowhere else; a PDF viewer needs no more.
    'content-security-policy': "frame-ancestors 'self'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  },
});
