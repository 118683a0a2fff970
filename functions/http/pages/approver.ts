import * as z from 'zod';
import type { ApproverPageData, LinkRefusal, PagesDeps } from '#core/pages/ports';
import type { TenancyStore } from '#core/tenancy/ports';
import { PROFILE_DEFAULTS } from '#core/tenancy/profile';
import { approverPage, refusalPage, resultPage, type FormState } from '#http/pages/approver-view';
import { countWrongToken, limited, nonceFor, nonceMatches, padToValid, recordValid } from '#http/pages/guard';
import { errorPage, PAGE_HEADERS, type Branding } from '#http/pages/layout';
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
} from '#http/pages/token-route';
import { route, type Reply } from '#http/route';

// What the pages' forms send, as documented (the routes read the fields themselves: a wrong one is a
// page saying what to fix, not a problem document).
const DecisionForm = z.object({
  nonce: z.string().describe("The page's nonce (hidden field)."),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(2000).optional().describe('Required to reject.'),
  lang: z.enum(['et', 'en']).optional().describe('The language of the page the form was on.'),
});
const DelegationForm = z.object({
  nonce: z.string().describe("The page's nonce (hidden field)."),
  toUserId: z.string().describe("An active user of the tenant, from the page's list."),
  comment: z.string().max(2000).optional(),
  lang: z.enum(['et', 'en']).optional().describe('The language of the page the form was on.'),
});

/** With the page read: `?lang=`, else the document's locale, else the tenant's. */
const pageLang = (query: { lang?: string }, page: ApproverPageData) =>
  pageLanguage(query.lang, page.document.locale, page.tenant.profile?.locale, PROFILE_DEFAULTS.locale);

/** A token that opened nothing: 404 in a valid page's time, counted against the IP; the rest 410 saying why. */
async function refused(
  pages: PagesDeps,
  refusal: LinkRefusal,
  lang: PageLanguage,
  ip: string,
  startedAt: number,
  now: Date,
): Promise<Reply> {
  // Counted while the answer waits out a valid page's time: the count adds no time of its own.
  if (refusal.reason === 'unknown') await padToValid(startedAt, countWrongToken(pages, ip, now));
  return refusalPage(refusal, lang);
}

async function brandOfTenant(tenancy: TenancyStore, tenantId: string): Promise<Branding> {
  const tenant = await tenancy.getTenant(tenantId);
  return { name: tenant?.name ?? '', profile: tenant?.profile };
}

/** The names of later stages' approvers, whose tasks are not open yet, come from the delegation list. */
const withNames = (page: ApproverPageData, users: Array<{ userId: string; name?: string }>): ApproverPageData => ({
  ...page,
  names: {
    ...Object.fromEntries(users.flatMap((u) => (u.name ? [[u.userId, u.name]] : []))),
    ...(page.assigneeName && { [page.link.userId]: page.assigneeName }),
    ...page.names,
  },
});

const common = tokenRoute('The token of the link in the approval notice email.');

/** The page again, with the field that failed marked (400). */
async function reshow(
  pages: PagesDeps,
  token: string,
  query: { lang?: string },
  lang: PageLanguage,
  ip: string,
  startedAt: number,
  now: Date,
  state: FormState,
): Promise<Reply> {
  const resolved = await pages.actionLinks.resolve(token, now);
  if (!resolved.ok) return refused(pages, resolved.refusal, lang, ip, startedAt, now);
  const candidates = await pages.actionLinks.candidates(resolved.value);
  return approverPage(
    withNames(resolved.value, candidates),
    token,
    nonceFor(pages, token),
    lang,
    candidates,
    state,
    400,
  );
}

export const approverRoutes = [
  route({
    ...common,
    ports: ['pages'],
    method: 'GET',
    path: '/a/{token}',
    operationId: 'approverPage',
    summary: "The approver's page: the document, the route so far, Approve / Reject and delegation",
    description:
      'Opened from the link in an approval notice (no API key: the token is the key). A closed, expired or revoked task is a 410 page saying why; an unknown token a 404 page, answered in the time a valid one takes. Rate limited per IP (wrong tokens) and per token: 429 page.',
    query: Lang,
    success: { status: 200, description: 'The page.' },
    handler: async ({ params, query, headers, sourceIp }, { deps }) => {
      const startedAt = performance.now();
      const now = new Date();
      // The limits are checked while the token is read: a refused request reads nothing more.
      const [tooOften, resolved] = await Promise.all([
        limited(deps.pages, params.token, sourceIp, now),
        deps.pages.actionLinks.resolve(params.token, now),
      ]);
      if (tooOften) return tooMany(readerLanguage(query, headers), now);
      if (!resolved.ok)
        return refused(deps.pages, resolved.refusal, readerLanguage(query, headers), sourceIp, startedAt, now);
      const page = resolved.value;
      const candidates = page.task.status === 'open' ? await deps.pages.actionLinks.candidates(page) : [];
      const lang = pageLang(query, page);
      const reply = approverPage(
        withNames(page, candidates),
        params.token,
        nonceFor(deps.pages, params.token),
        lang,
        candidates,
      );
      recordValid(performance.now() - startedAt);
      return reply;
    },
  }),
  route({
    ...common,
    ports: ['pages', 'tenancy'],
    method: 'POST',
    path: '/a/{token}',
    operationId: 'approverDecide',
    summary: "Approve or reject from the approver's page (a form post)",
    description:
      "Form fields `nonce` (the page's), `decision` (`approve` or `reject`), `comment` (required to reject) and `lang`. Without the page's nonce nothing is decided (400 page); a reject without a comment shows the page again with the field marked. A second post after the decision answers the same result page (a double click decides once). The result names the next stage.",
    query: Lang,
    ownIdempotency: true,
    rawBody: { contentTypes: [FORM], description: "The page's decision form.", schemas: { [FORM]: DecisionForm } },
    success: { status: 200, description: 'The result page.' },
    handler: async ({ params, query, headers, raw, sourceIp }, { deps }) => {
      const startedAt = performance.now();
      const now = new Date();
      const fields = formOf(raw);
      const lang = formLang(fields, query, headers);
      const t = STRINGS[lang];
      if (await limited(deps.pages, params.token, sourceIp, now)) return tooMany(lang, now);
      if (!nonceMatches(deps.pages, params.token, fields.get('nonce')))
        return errorPage(400, lang, { text: [t.formExpired] });
      const decision = fields.get('decision');
      const comment = fields.get('comment')?.trim() || undefined;
      const again = (state: FormState) =>
        reshow(deps.pages, params.token, query, lang, sourceIp, startedAt, now, { comment, ...state });
      if (decision !== 'approve' && decision !== 'reject')
        return again({ error: { field: 'decision', message: t.decisionRequired } });
      if (decision === 'reject' && !comment) return again({ error: { field: 'comment', message: t.commentRequired } });
      const outcome = await deps.pages.actionLinks.decide(params.token, { decision, comment }, now);
      if (!outcome.ok && 'refusal' in outcome)
        return refused(deps.pages, outcome.refusal, lang, sourceIp, startedAt, now);
      if (!outcome.ok)
        return again({
          error: { field: outcome.field, message: outcome.field === 'comment' ? t.commentRequired : outcome.message },
        });
      const decided = outcome.task.decision;
      // Named from the snapshot, without waiting for the workflow to open the next stage's tasks.
      const { approval } = outcome;
      const rejected = decided?.decision === 'rejected';
      const stage = approval.stages[outcome.task.stage];
      const alone = (approval.stageTasks[outcome.task.stage] ?? []).length <= 1;
      const settled =
        approval.status !== 'running' ||
        approval.stageOutcomes[outcome.task.stage] != null ||
        alone ||
        (rejected && stage?.mode === 'all');
      const next =
        outcome.nextStage !== undefined
          ? `${t.nextStage}: ${outcome.nextStage.name}`
          : !settled
            ? t.approvalWaits
            : rejected
              ? t.approvalStopped
              : t.approvalDone;
      return resultPage(await brandOfTenant(deps.tenancy, outcome.task.tenantId), params.token, lang, {
        heading: decided?.decision === 'rejected' ? t.resultRejected : t.resultApproved,
        lines: [
          [
            t.document,
            `${outcome.approval.document.name} (${t.version.toLowerCase()} ${outcome.approval.document.version})`,
          ],
          ...(decided?.comment ? [[t.yourComment, decided.comment] as [string, string]] : []),
        ],
        next,
      });
    },
  }),
  route({
    ...common,
    ports: ['pages', 'tenancy'],
    method: 'POST',
    path: '/a/{token}/delegate',
    operationId: 'approverDelegate',
    summary: "Hand the decision to another active user, from the approver's page (a form post)",
    description:
      "Form fields `nonce` (the page's), `toUserId` (an active user of the tenant, from the page's list), `comment` and `lang`. Refused as the API's delegation refuses; without the nonce nothing changes (400 page).",
    query: Lang,
    ownIdempotency: true,
    rawBody: {
      contentTypes: [FORM],
      description: "The page's delegation form.",
      schemas: { [FORM]: DelegationForm },
    },
    success: { status: 200, description: 'The result page.' },
    handler: async ({ params, query, headers, raw, sourceIp }, { deps }) => {
      const startedAt = performance.now();
      const now = new Date();
      const fields = formOf(raw);
      const lang = formLang(fields, query, headers);
      const t = STRINGS[lang];
      if (await limited(deps.pages, params.token, sourceIp, now)) return tooMany(lang, now);
      if (!nonceMatches(deps.pages, params.token, fields.get('nonce')))
        return errorPage(400, lang, { text: [t.formExpired] });
      const toUserId = fields.get('toUserId')?.trim();
      const comment = fields.get('comment')?.trim() || undefined;
      const again = (state: FormState) =>
        reshow(deps.pages, params.token, query, lang, sourceIp, startedAt, now, state);
      if (!toUserId) return again({ error: { field: 'toUserId', message: t.delegateChoose } });
      const outcome = await deps.pages.actionLinks.delegate(params.token, { toUserId, comment }, now);
      if (!outcome.ok && 'refusal' in outcome)
        return refused(deps.pages, outcome.refusal, lang, sourceIp, startedAt, now);
      if (!outcome.ok)
        return again({
          error: { field: outcome.field === 'comment' ? 'toUserId' : outcome.field, message: outcome.message },
        });
      const to = outcome.task.delegateTo ?? toUserId;
      const user = await deps.tenancy.getUser(outcome.task.tenantId, to);
      return resultPage(await brandOfTenant(deps.tenancy, outcome.task.tenantId), params.token, lang, {
        heading: t.resultDelegated,
        lines: [
          [t.stage, outcome.task.stageName],
          [t.delegatedTo, user?.name ?? to],
        ],
      });
    },
  }),
  route({
    ...common,
    ports: ['pages'],
    method: 'GET',
    path: '/a/{token}/file',
    operationId: 'approverFile',
    summary: "The document of the approver's page: a PDF inline (up to 4 MB), else a 302 to download it",
    description:
      "A PDF up to 4 MB is answered here, inline, for the page's frame; another type, a larger file or `?download=1` is a 302 to a presigned attachment (valid minutes). The same refusals as the page.",
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
      const lang0 = readerLanguage(query, headers);
      const [tooOften, resolved] = await Promise.all([
        limited(deps.pages, params.token, sourceIp, now),
        deps.pages.actionLinks.resolve(params.token, now),
      ]);
      if (tooOften) return tooMany(lang0, now);
      if (!resolved.ok) return refused(deps.pages, resolved.refusal, lang0, sourceIp, startedAt, now);
      const page = resolved.value;
      const redirect = async (): Promise<Reply> => ({
        status: 302,
        headers: { ...PAGE_HEADERS, location: await deps.pages.actionLinks.download(page) },
      });
      const isPdf = (page.document.contentType ?? '').toLowerCase() === 'application/pdf';
      if (query.download !== undefined || !isPdf || (page.document.size ?? 0) > INLINE_MAX_BYTES) return redirect();
      const file = await deps.pages.actionLinks.file(page);
      if ('tooLarge' in file) return redirect();
      return inlinePdf(file.bytes, page.document.name);
    },
  }),
];
