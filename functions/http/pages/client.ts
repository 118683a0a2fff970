import * as z from 'zod';
import type { PagesDeps, ShareAnswerOutcome } from '#core/pages/ports';
import { checkAnswer, type PageTenant, type Refused, type SharePage } from '#core/sending/share-page';
import { PROFILE_DEFAULTS, tenantTimeZone } from '#core/tenancy/profile';
import {
  answeredPage,
  clientBrand,
  clientPage,
  clientRefusalPage,
  fieldMessage,
  type ClientFormState,
} from '#http/pages/client-view';
import { countWrongToken, limited, nonceFor, nonceMatches, padToValid, recordValid } from '#http/pages/guard';
import { errorPage, PAGE_HEADERS } from '#http/pages/layout';
import { pageLanguage, STRINGS, type PageLanguage } from '#http/pages/strings';
import {
  FileQuery,
  FORM,
  INLINE_MAX_BYTES,
  formLang,
  formOf,
  inlinePdf,
  Lang,
  readerLanguage,
  tokenRoute,
  tooMany,
  type Headers,
} from '#http/pages/token-route';
import { route, type Reply } from '#http/route';

// The client's page `/s/{token}` (issue 23) and its forms: the same guard as the approver's page
// (rate limits, a wrong token padded to a valid page's time, the forms' nonce), over the share
// link functions of store/sending/share-pages.ts.

const AcceptForm = z.object({
  nonce: z.string().describe("The page's nonce (hidden field)."),
  name: z.string().max(200).describe('The name the client signs with: 1–200 characters, one line, no markup.'),
  email: z
    .string()
    .max(254)
    .optional()
    .describe("Asked on a plain share link; a send's link accepts as its recipient."),
  confirm: z.literal('yes').describe('The checkbox "I accept this offer".'),
  lang: z.enum(['et', 'en']).optional().describe('The language of the page the form was on.'),
});
const DeclineForm = z.object({
  nonce: z.string().describe("The page's nonce (hidden field)."),
  name: z.string().max(200),
  email: z.string().max(254).optional(),
  reason: z.string().max(2000).describe('Why the client declines (required).'),
  lang: z.enum(['et', 'en']).optional().describe('The language of the page the form was on.'),
});

const pageLang = (query: { lang?: string }, page: SharePage) =>
  pageLanguage(query.lang, page.document.locale, page.tenant.profile?.locale, PROFILE_DEFAULTS.locale);

/** A link that refuses, before its page is read: `?lang=`, else the tenant's language; an unknown one the reader's. */
const refusalLang = (query: { lang?: string }, headers: Headers, tenant: PageTenant | undefined) =>
  tenant ? pageLanguage(query.lang, tenant.profile?.locale, PROFILE_DEFAULTS.locale) : readerLanguage(query, headers);

/**
 * A token that opened nothing: 404 in a valid page's time, counted against the IP. A real link that
 * refuses (expired, revoked, used up…) says why on a page with its tenant's name, logo and zone.
 */
async function refused(
  pages: PagesDeps,
  { refusal, tenant }: Pick<Refused, 'refusal' | 'tenant'>,
  lang: PageLanguage,
  ip: string,
  startedAt: number,
  now: Date,
): Promise<Reply> {
  if (refusal.reason === 'unknown') await padToValid(startedAt, countWrongToken(pages, ip, now));
  return clientRefusalPage(refusal, lang, {
    timeZone: tenant?.profile?.timeZone,
    brand: tenant && { name: tenant.name, profile: tenant.profile },
  });
}

const common = tokenRoute('The token of the share link in the email.');

const client = (headers: Headers, ip: string) => ({ ip, userAgent: headers['user-agent'] ?? '' });

/** An answer's form post: nonce, then the store's answer, then the page for what happened. */
async function answerRoute(
  decision: 'accept' | 'decline',
  {
    params,
    query,
    headers,
    raw,
    sourceIp,
  }: { params: { token: string }; query: { lang?: string }; headers: Headers; raw?: Buffer; sourceIp: string },
  pages: PagesDeps,
): Promise<Reply> {
  const startedAt = performance.now();
  const now = new Date();
  const fields = formOf(raw);
  const lang = formLang(fields, query, headers);
  const t = STRINGS[lang];
  if (await limited(pages, params.token, sourceIp, now)) return tooMany(lang, now);
  if (!nonceMatches(pages, params.token, fields.get('nonce')))
    return errorPage(400, lang, { text: [t.clientFormExpired] });
  const name = fields.get('name') ?? '';
  const email = fields.get('email') ?? undefined;
  const reason = fields.get('reason') ?? '';
  const state: ClientFormState = { name, email, reason };
  /** The page again, the failing field marked (400); nothing was recorded. */
  const again = async (error: NonNullable<ClientFormState['error']>): Promise<Reply> => {
    const resolved = await pages.shares.resolve(params.token, now);
    if (!resolved.ok) return refused(pages, resolved, lang, sourceIp, startedAt, now);
    return clientPage(resolved.value, params.token, nonceFor(pages, params.token), lang, { ...state, error }, 400);
  };
  const form = decision === 'accept' ? ('accept' as const) : ('decline' as const);
  // The checkbox is the client's statement: the name alone accepts nothing.
  const input = { name, ...(email !== undefined ? { email } : {}), ...client(headers, sourceIp) };
  if (decision === 'accept' && fields.get('confirm') !== 'yes') {
    // Every field's error at once would be best; the name's and the email's come first, as the form orders them.
    const resolved = await pages.shares.resolve(params.token, now);
    const checked = resolved.ok ? checkAnswer(input, 'accepted', resolved.value.acceptance.email) : undefined;
    if (checked && !checked.ok)
      return again({ form, field: checked.field, message: fieldMessage(checked.field, name, t) });
    return again({ form, field: 'confirm', message: t.confirmRequired });
  }
  const outcome: ShareAnswerOutcome =
    decision === 'accept'
      ? await pages.shares.accept(params.token, input, now)
      : await pages.shares.decline(params.token, { ...input, reason }, now);
  if (!outcome.ok && 'refusal' in outcome) {
    // Refused by the answer's own rules (not asked, a newer version, answered otherwise): the page's tenant.
    const read =
      outcome.tenant || outcome.refusal.reason === 'unknown'
        ? undefined
        : await pages.shares.resolve(params.token, now);
    const tenant = outcome.tenant ?? (read?.ok ? read.value.tenant : read?.tenant);
    return refused(pages, { refusal: outcome.refusal, tenant }, lang, sourceIp, startedAt, now);
  }
  if (!outcome.ok)
    return again({
      form,
      field: outcome.field,
      message: fieldMessage(outcome.field, outcome.field === 'reason' ? reason.trim() : name, t),
    });
  const resolved = await pages.shares.resolve(params.token, now);
  const page = resolved.ok ? resolved.value : undefined;
  return answeredPage(
    page ? clientBrand(page) : { name: '' },
    lang,
    outcome.acceptance,
    page?.document.name ?? '',
    tenantTimeZone(page?.tenant.profile),
  );
}

export const clientRoutes = [
  route({
    ...common,
    ports: ['pages'],
    method: 'GET',
    path: '/s/{token}',
    operationId: 'clientPage',
    summary: "The client's page: who sends what, the document, Download, and accepting or declining an offer",
    description:
      'Opened from the link in a sent document (no API key: the token is the key). Each open is a view (on the link, its send and, once an hour, the timelines as `document_viewed`). An expired, revoked or used-up link is a 410 page saying so; an unknown token a 404 page, answered in the time a valid one takes. Rate limited per IP (wrong tokens) and per token: 429 page.',
    query: Lang,
    success: { status: 200, description: 'The page.' },
    handler: async ({ params, query, headers, sourceIp }, { deps }) => {
      const startedAt = performance.now();
      const now = new Date();
      if (await limited(deps.pages, params.token, sourceIp, now)) return tooMany(readerLanguage(query, headers), now);
      // The link read once, then the page's reads beside the view's writes (about 5 store round
      // trips in the longest chain, where reading and viewing apart took 7).
      const opened = await deps.pages.shares.openPage(
        params.token,
        { ...client(headers, sourceIp), kind: 'page' },
        now,
      );
      if (!opened.ok) {
        // Refused as the link was read: no page, so the reader's language. Revoked or used up
        // between the read and the count: the page says so in its language rather than showing it.
        const lang = opened.page ? pageLang(query, opened.page) : refusalLang(query, headers, opened.tenant);
        return refused(deps.pages, opened, lang, sourceIp, startedAt, now);
      }
      const { page } = opened.value;
      const lang = pageLang(query, page);
      const reply = clientPage(page, params.token, nonceFor(deps.pages, params.token), lang);
      recordValid(performance.now() - startedAt);
      return reply;
    },
  }),
  route({
    ...common,
    ports: ['pages'],
    method: 'POST',
    path: '/s/{token}/accept',
    operationId: 'clientAccept',
    summary: "Accept the offer from the client's page (a form post)",
    description:
      "Form fields `nonce` (the page's), `name`, `email` (on a plain share link), `confirm=yes` (the checkbox) and `lang`. Recorded as a simple electronic signature; the certificate is emailed. Without the page's nonce nothing is recorded (400 page); a wrong field shows the page again with the field marked (400). A second post answers the same confirmation (a double click accepts once). A newer document version since the link was sent: 410 page naming it; already declined: 409 page.",
    query: Lang,
    ownIdempotency: true,
    errors: [409, 410],
    rawBody: { contentTypes: [FORM], description: "The page's acceptance form.", schemas: { [FORM]: AcceptForm } },
    success: { status: 200, description: 'The confirmation page.' },
    handler: async (input, { deps }) => answerRoute('accept', input, deps.pages),
  }),
  route({
    ...common,
    ports: ['pages'],
    method: 'POST',
    path: '/s/{token}/decline',
    operationId: 'clientDecline',
    summary: "Decline the offer from the client's page, saying why (a form post)",
    description:
      "Form fields `nonce` (the page's), `name`, `email` (on a plain share link), `reason` (required) and `lang`. Recorded like an acceptance (`offer_declined`). The same refusals as accepting; already accepted: 409 page.",
    query: Lang,
    ownIdempotency: true,
    errors: [409, 410],
    rawBody: { contentTypes: [FORM], description: "The page's decline form.", schemas: { [FORM]: DeclineForm } },
    success: { status: 200, description: 'The confirmation page.' },
    handler: async (input, { deps }) => answerRoute('decline', input, deps.pages),
  }),
  route({
    ...common,
    ports: ['pages'],
    method: 'GET',
    path: '/s/{token}/file',
    operationId: 'clientFile',
    summary: "The document of the client's page: a PDF inline (up to 4 MB), else a 302 to download it",
    description:
      "Counts toward the link's `maxDownloads`, as `/v1/shared/{token}` does. A PDF up to 4 MB is answered here, inline, for the page's frame; another type, a larger file or `?download=1` is a 302 to a presigned attachment (valid minutes). The same refusals as the page.",
    query: FileQuery,
    success: {
      status: 200,
      description: 'The PDF.',
      contentType: 'application/pdf',
      also: [
        { status: 302, description: 'Redirect to the file as an attachment.', headers: ['location'], redirect: true },
      ],
    },
    handler: async ({ params, query, headers, sourceIp }, { deps }) => {
      const startedAt = performance.now();
      const now = new Date();
      if (await limited(deps.pages, params.token, sourceIp, now)) return tooMany(readerLanguage(query, headers), now);
      const kind = query.download !== undefined ? 'download' : 'file';
      const viewed = await deps.pages.shares.view(params.token, { ...client(headers, sourceIp), kind }, now);
      if (!viewed.ok)
        return refused(deps.pages, viewed, refusalLang(query, headers, viewed.tenant), sourceIp, startedAt, now);
      const file = viewed.value.file!;
      const redirect = async (): Promise<Reply> => ({
        status: 302,
        headers: { ...PAGE_HEADERS, location: await deps.pages.shares.download(file) },
      });
      const isPdf = file.contentType.toLowerCase() === 'application/pdf';
      if (kind === 'download' || !isPdf || file.size > INLINE_MAX_BYTES) return redirect();
      const bytes = await deps.pages.shares.file(file);
      if ('tooLarge' in bytes) return redirect();
      return inlinePdf(bytes.bytes, file.fileName);
    },
  }),
];
