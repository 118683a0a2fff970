import { taskDeadline } from '#core/approvals/deadline';
import type { Approver } from '#core/approvals/route';
import type { ApproverPageData, LinkRefusal } from '#core/pages/ports';
import { tenantTimeZone } from '#core/tenancy/profile';
import { errorPage, esc, layout, pageReply, type Branding } from '#http/pages/layout';
import { formatSize, formatTime, STRINGS, type PageLanguage, type PageStrings } from '#http/pages/strings';
import { INLINE_MAX_BYTES, tokenPath } from '#http/pages/token-route';
import type { Reply } from '#http/route';

/** Larger files are offered for download only: a Lambda answer carries at most 6 MB, base64 included. */
export interface FormState {
  /** The field the decision failed on, and why (shown by the field, `aria-invalid`). */
  error?: { field: 'comment' | 'decision' | 'toUserId'; message: string };
  comment?: string;
  delegateComment?: string;
}

const path = tokenPath('/a');

export const brandOf = (page: ApproverPageData): Branding => ({ name: page.tenant.name, profile: page.tenant.profile });
const zoneOf = (page: ApproverPageData) => tenantTimeZone(page.tenant.profile);

const nameOf = (page: ApproverPageData, userId: string) => page.names?.[userId] ?? userId;

function approverText(page: ApproverPageData, a: Approver, lang: PageLanguage): string {
  if ('userId' in a) return nameOf(page, a.userId);
  return lang === 'et' ? `roll ${a.role}` : `role ${a.role}`;
}

/** The API keeps SHA-256 in base64; a reader compares it with `sha256sum`, which prints hex. */
function hexDigest(sha: string): string {
  const bytes = Buffer.from(sha, 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : sha;
}

function facts(page: ApproverPageData, t: PageStrings, lang: PageLanguage): string {
  const d = page.document;
  const deadline = taskDeadline(page.task, page.approval);
  const rows: Array<[string, string]> = [
    [t.document, esc(d.name)],
    [t.version, esc(d.version)],
    ...(d.sha256 ? [[t.checksum, `<span class="mono">${esc(hexDigest(d.sha256))}</span>`] as [string, string]] : []),
    ...(d.size !== undefined ? [[t.size, esc(formatSize(d.size, lang))] as [string, string]] : []),
    [t.route, esc(page.approval.route.name)],
    [t.stage, esc(`${page.task.stage + 1}/${page.approval.stages.length}: ${page.task.stageName}`)],
    [t.deadline, deadline ? esc(formatTime(deadline, lang, zoneOf(page))) : esc(t.noDeadline)],
    ...(page.assigneeName ? [[t.assignee, esc(page.assigneeName)] as [string, string]] : []),
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function stages(page: ApproverPageData, t: PageStrings, lang: PageLanguage): string {
  const a = page.approval;
  const items = a.stages.map((s, i) => {
    const outcome = a.stageOutcomes[i];
    const badge =
      outcome === 'approved'
        ? `<span class="badge ok">${esc(t.approved)}</span>`
        : outcome === 'rejected'
          ? `<span class="badge no">${esc(t.rejected)}</span>`
          : i === a.currentStage && a.status === 'running'
            ? `<span class="badge">${esc(t.current)}</span>`
            : '';
    const who = s.approvers.map((x) => approverText(page, x, lang)).join(', ');
    return `<li><strong>${esc(s.name)}</strong> ${badge}<br><span class="hint">${esc(who)}</span></li>`;
  });
  return `<ol class="stages">${items.join('')}</ol>`;
}

function decisions(page: ApproverPageData, t: PageStrings, lang: PageLanguage): string {
  const tasks = page.tasks ?? [page.task];
  const list = tasks
    .flatMap((task) => (task.decision ? [{ stage: task.stage, ...task.decision }] : []))
    .sort((a, b) => a.at.localeCompare(b.at));
  if (!list.length) return `<p>${esc(t.noDecisions)}</p>`;
  const zone = zoneOf(page);
  return `<ul class="plain">${list
    .map(
      (x) =>
        `<li>${esc(formatTime(x.at, lang, zone))}: <strong>${esc(nameOf(page, x.by))}</strong> ${esc(x.decision === 'approved' ? t.approved : t.rejected)} (${esc(page.approval.stages[x.stage]?.name ?? '')})${x.comment ? ` – „${esc(x.comment)}“` : ''}</li>`,
    )
    .join('')}</ul>`;
}

function viewer(page: ApproverPageData, token: string, t: PageStrings): string {
  const d = page.document;
  const download = `<a class="button secondary" href="${esc(path(token, '/file', undefined, 'download=1'))}" download>${esc(t.download)}</a>`;
  const isPdf = (d.contentType ?? '').toLowerCase() === 'application/pdf';
  const fits = d.size === undefined || d.size <= INLINE_MAX_BYTES;
  const inner =
    isPdf && fits
      ? `<iframe src="${esc(path(token, '/file'))}" title="${esc(`${t.pdfFrameTitle}: ${d.name}`)}"></iframe>`
      : `<p>${esc(isPdf ? t.tooLargeInline : t.noInlineView)}</p>`;
  return `<section class="card viewer" aria-labelledby="doc-h"><h2 id="doc-h">${esc(t.viewDocument)}</h2>${inner}<div class="actions">${download}</div></section>`;
}

function decisionForm(token: string, nonce: string, t: PageStrings, lang: PageLanguage, state: FormState): string {
  const err = state.error;
  const commentError = err && err.field === 'comment';
  const decisionError = err && err.field === 'decision';
  return `<section class="card" aria-labelledby="decide-h"><h2 id="decide-h">${esc(t.yourDecision)}</h2>
<form method="post" action="${esc(path(token, '', lang))}" novalidate>
<input type="hidden" name="nonce" value="${esc(nonce)}"><input type="hidden" name="lang" value="${lang}">
${decisionError ? `<p class="field-error" id="decision-error" role="alert">${esc(err.message)}</p>` : ''}
<label for="comment">${esc(t.comment)}</label>
<p class="hint" id="comment-hint">${esc(t.commentHint)}</p>
<textarea id="comment" name="comment" maxlength="2000" aria-describedby="comment-hint${commentError ? ' comment-error' : ''}"${commentError ? ' aria-invalid="true"' : ''}>${esc(state.comment ?? '')}</textarea>
${commentError ? `<p class="field-error" id="comment-error">${esc(err.message)}</p>` : ''}
<div class="actions"><button type="submit" name="decision" value="approve">${esc(t.approve)}</button><button type="submit" name="decision" value="reject" class="secondary">${esc(t.reject)}</button></div>
</form></section>`;
}

function delegateForm(
  token: string,
  nonce: string,
  t: PageStrings,
  lang: PageLanguage,
  candidates: Array<{ userId: string; name?: string }>,
  state: FormState,
): string {
  if (!candidates.length)
    return `<section class="card" aria-labelledby="del-h"><h2 id="del-h">${esc(t.delegateTitle)}</h2><p>${esc(t.noCandidates)}</p></section>`;
  const err = state.error?.field === 'toUserId' ? state.error : undefined;
  const options = candidates
    .map((c) => `<option value="${esc(c.userId)}">${esc(c.name ?? c.userId)}</option>`)
    .join('');
  return `<section class="card" aria-labelledby="del-h"><h2 id="del-h">${esc(t.delegateTitle)}</h2>
<form method="post" action="${esc(path(token, '/delegate', lang))}" novalidate>
<input type="hidden" name="nonce" value="${esc(nonce)}"><input type="hidden" name="lang" value="${lang}">
<label for="toUserId">${esc(t.delegateTo)}</label>
<select id="toUserId" name="toUserId"${err ? ' aria-invalid="true" aria-describedby="toUserId-error"' : ''}><option value="">—</option>${options}</select>
${err ? `<p class="field-error" id="toUserId-error">${esc(err.message)}</p>` : ''}
<div class="actions"><button type="submit" class="secondary">${esc(t.delegate)}</button></div>
</form></section>`;
}

/** The approver's page: what is asked, the document, and the forms (while the task is open). */
export function approverPage(
  page: ApproverPageData,
  token: string,
  nonce: string,
  lang: PageLanguage,
  candidates: Array<{ userId: string; name?: string }>,
  state: FormState = {},
  status = 200,
): Reply {
  const t = STRINGS[lang];
  const open = page.task.status === 'open';
  const body = `<h1>${esc(t.approvalTitle)}: ${esc(page.document.name)}</h1>
<section class="card" aria-labelledby="facts-h"><h2 id="facts-h">${esc(t.details)}</h2>${facts(page, t, lang)}</section>
${viewer(page, token, t)}
${open ? decisionForm(token, nonce, t, lang, state) : ''}
<section class="card" aria-labelledby="stages-h"><h2 id="stages-h">${esc(t.stages)}</h2>${stages(page, t, lang)}</section>
<section class="card" aria-labelledby="dec-h"><h2 id="dec-h">${esc(t.decisions)}</h2>${decisions(page, t, lang)}</section>
${open ? delegateForm(token, nonce, t, lang, candidates, state) : ''}`;
  return pageReply(
    status,
    layout({
      lang,
      title: `${t.approvalTitle}: ${page.document.name}`,
      brand: brandOf(page),
      switchHref: (l) => path(token, '', l),
      body,
    }),
  );
}

/** After a decision or a delegation: what happened and what comes next. */
export function resultPage(
  brand: Branding,
  token: string,
  lang: PageLanguage,
  opts: { heading: string; lines: Array<[string, string]>; next?: string },
): Reply {
  const body = `<h1>${esc(opts.heading)}</h1>
<section class="card"><dl class="facts">${opts.lines.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></section>
${opts.next ? `<div class="notice"><p>${esc(opts.next)}</p></div>` : ''}`;
  // No language switch: it would open the link again, not this answer.
  return pageReply(200, layout({ lang, title: opts.heading, brand, body }));
}

/** A token that does not open a page: 404 for one never issued (or tampered), 410 saying why for the rest. */
export function refusalPage(refusal: LinkRefusal, lang: PageLanguage, timeZone?: string): Reply {
  const t = STRINGS[lang];
  const when = (iso: string) => formatTime(iso, lang, timeZone);
  switch (refusal.reason) {
    case 'unknown':
      return errorPage(404, lang);
    case 'expired':
      return errorPage(410, lang, { text: [t.expiredText(when(refusal.expiresAt))] });
    case 'revoked':
      return errorPage(410, lang, { text: [t.revokedText(when(refusal.revokedAt))] });
    case 'version-changed':
      return errorPage(410, lang, { text: [t.versionText(refusal.linkVersion, refusal.currentVersion)] });
    case 'closed': {
      const who = refusal.decidedByName ?? refusal.decidedBy;
      const text = [
        t.taskClosedStatus(refusal.taskStatus) ?? t.closedText,
        ...(refusal.decidedAt
          ? [who ? t.closedBy(who, when(refusal.decidedAt)) : t.closedWhen(when(refusal.decidedAt))]
          : []),
      ];
      return errorPage(410, lang, { text });
    }
  }
}
