import { CONTROL_CHARACTER } from '#core/control-characters';
import { MAX_SIGNER_NAME, type Acceptance, type SharePage, type SharePageRefusal } from '#core/sending/share-page';
import { tenantTimeZone } from '#core/tenancy/profile';
import { errorPage, esc, layout, pageReply, type Branding } from '#http/pages/layout';
import { formatSize, formatTime, STRINGS, type PageLanguage, type PageStrings } from '#http/pages/strings';
import { INLINE_MAX_BYTES, tokenPath } from '#http/pages/token-route';
import type { Reply } from '#http/route';

// The client's page `/s/{token}` (issue 23): who sends what, the document in a frame, Download, and
// (when the sender asked for it) the forms that accept or decline the offer. Built like the
// approver's page (approver-view.ts): plain HTML forms, no script, every text escaped.

export type ClientField = 'name' | 'email' | 'reason' | 'confirm';

export interface ClientFormState {
  /** The form that failed, the field and why (shown by the field, `aria-invalid`). */
  error?: { form: 'accept' | 'decline'; field: ClientField; message: string };
  name?: string;
  email?: string;
  reason?: string;
}

const path = tokenPath('/s');

export const clientBrand = (page: SharePage): Branding => ({ name: page.tenant.name, profile: page.tenant.profile });
const zoneOf = (page: SharePage) => tenantTimeZone(page.tenant.profile);

/** The store's English field messages, in the page's language (the rules are core/sending/share-page.ts's). */
export function fieldMessage(field: 'name' | 'email' | 'reason', name: string, t: PageStrings): string {
  if (field === 'email') return t.emailRequired;
  if (field === 'reason') return name.length > 0 ? t.reasonTooLong : t.reasonRequired;
  const n = name.trim();
  if (!n) return t.nameRequired;
  if (n.length > MAX_SIGNER_NAME) return t.nameTooLong;
  if (CONTROL_CHARACTER.test(n)) return t.nameOneLine;
  return t.namePlain;
}

/** The API keeps SHA-256 in base64; a reader compares it with `sha256sum`, which prints hex (as the approver's page shows it). */
function hexDigest(sha: string): string {
  const bytes = Buffer.from(sha, 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : sha;
}

function facts(page: SharePage, t: PageStrings, lang: PageLanguage): string {
  const d = page.document;
  const rows: Array<[string, string]> = [
    [t.from, esc(page.tenant.name)],
    ...(page.senderName ? [[t.sentBy, esc(page.senderName)] as [string, string]] : []),
    [t.document, esc(d.name)],
    [t.size, esc(formatSize(d.size, lang))],
    ...(page.acceptance.asked
      ? [
          [t.version, esc(d.version)] as [string, string],
          [t.checksum, `<span class="mono">${esc(hexDigest(d.sha256))}</span>`] as [string, string],
        ]
      : []),
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function viewer(page: SharePage, token: string, t: PageStrings): string {
  const d = page.document;
  const download = `<a class="button secondary" href="${esc(path(token, '/file', undefined, 'download=1'))}" download>${esc(t.download)}</a>`;
  const isPdf = d.contentType.toLowerCase() === 'application/pdf';
  const inner =
    isPdf && d.size <= INLINE_MAX_BYTES
      ? `<iframe src="${esc(path(token, '/file'))}" title="${esc(`${t.pdfFrameTitle}: ${d.name}`)}"></iframe>`
      : `<p>${esc(isPdf ? t.tooLargeInline : t.noInlineView)}</p>`;
  return `<section class="card viewer" aria-labelledby="doc-h"><h2 id="doc-h">${esc(t.viewDocument)}</h2>${inner}<div class="actions">${download}</div></section>`;
}

/** A text field with its label, hint and error (the error named by `aria-describedby`, the field `aria-invalid`). */
function field(
  id: string,
  name: string,
  label: string,
  value: string | undefined,
  error: string | undefined,
  opts: { type?: string; hint?: string; autocomplete?: string; max: number; area?: boolean },
): string {
  const described = [opts.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attrs = `id="${id}" name="${name}" maxlength="${opts.max}"${opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : ''}${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}`;
  const input = opts.area
    ? `<textarea ${attrs}>${esc(value ?? '')}</textarea>`
    : `<input type="${opts.type ?? 'text'}" ${attrs} value="${esc(value ?? '')}">`;
  return `<label for="${id}">${esc(label)}</label>
${opts.hint ? `<p class="hint" id="${id}-hint">${esc(opts.hint)}</p>` : ''}${input}
${error ? `<p class="field-error" id="${id}-error">${esc(error)}</p>` : ''}`;
}

// The forms' actions end in their heading's anchor: a form shown again with an error opens scrolled to
// it, not at the top of a long page (the decline form is below the document and the acceptance).
function answerForms(
  page: SharePage,
  token: string,
  nonce: string,
  t: PageStrings,
  lang: PageLanguage,
  state: ClientFormState,
): string {
  const errorIn = (form: 'accept' | 'decline', f: ClientField) =>
    state.error?.form === form && state.error.field === f ? state.error.message : undefined;
  const hidden = `<input type="hidden" name="nonce" value="${esc(nonce)}"><input type="hidden" name="lang" value="${lang}">`;
  const askEmail = !page.acceptance.email;
  const emailField = (form: 'accept' | 'decline') =>
    askEmail
      ? field(`${form}-email`, 'email', t.yourEmail, state.email, errorIn(form, 'email'), {
          type: 'email',
          hint: form === 'accept' ? t.emailHint : undefined,
          autocomplete: 'email',
          max: 254,
        })
      : '';
  const confirmError = errorIn('accept', 'confirm');
  const accept = `<section class="card" aria-labelledby="accept-h"><h2 id="accept-h">${esc(t.acceptTitle)}</h2>
<p>${esc(t.acceptIntro)}</p>
<form method="post" action="${esc(`${path(token, '/accept', lang)}#accept-h`)}" novalidate>
${hidden}
${field('accept-name', 'name', t.yourName, state.error?.form !== 'decline' ? state.name : undefined, errorIn('accept', 'name'), { autocomplete: 'name', max: MAX_SIGNER_NAME })}
${emailField('accept')}
<div class="check"><input type="checkbox" id="accept-confirm" name="confirm" value="yes"${confirmError ? ' aria-invalid="true" aria-describedby="accept-confirm-error"' : ''}><label for="accept-confirm">${esc(t.acceptCheckbox)}</label></div>
${confirmError ? `<p class="field-error" id="accept-confirm-error">${esc(confirmError)}</p>` : ''}
<div class="actions"><button type="submit">${esc(t.acceptButton)}</button></div>
</form></section>`;
  const declining = state.error?.form === 'decline';
  const decline = `<section class="card" aria-labelledby="decline-h"><h2 id="decline-h">${esc(t.declineTitle)}</h2>
<form method="post" action="${esc(`${path(token, '/decline', lang)}#decline-h`)}" novalidate>
${hidden}
${field('decline-name', 'name', t.yourName, declining ? state.name : undefined, errorIn('decline', 'name'), { autocomplete: 'name', max: MAX_SIGNER_NAME })}
${emailField('decline')}
${field('decline-reason', 'reason', t.declineReason, state.reason, errorIn('decline', 'reason'), { max: 2000, area: true })}
<div class="actions"><button type="submit" class="secondary">${esc(t.declineButton)}</button></div>
</form></section>`;
  return accept + decline;
}

function answered(a: Acceptance, t: PageStrings, lang: PageLanguage, zone: string): string {
  const when = formatTime(a.at, lang, zone);
  return `<div class="notice"><p>${esc(a.decision === 'accepted' ? t.alreadyAccepted(a.name, when) : t.alreadyDeclined(a.name, when))}</p></div>`;
}

/** The client's page: the sender, the document, and the answer (asked, given, or no longer possible). */
export function clientPage(
  page: SharePage,
  token: string,
  nonce: string,
  lang: PageLanguage,
  state: ClientFormState = {},
  status = 200,
): Reply {
  const t = STRINGS[lang];
  const ask = page.acceptance;
  const answer = !ask.asked
    ? ''
    : ask.answer
      ? answered(ask.answer, t, lang, zoneOf(page))
      : ask.versionChanged
        ? `<div class="notice"><p>${esc(t.offerVersionText(ask.versionChanged.linkVersion, ask.versionChanged.currentVersion))}</p></div>`
        : answerForms(page, token, nonce, t, lang, state);
  const body = `<h1>${esc(page.document.name)}</h1>
<section class="card" aria-labelledby="facts-h"><h2 id="facts-h">${esc(t.sentToYou)}</h2>${facts(page, t, lang)}</section>
${viewer(page, token, t)}
${answer}`;
  return pageReply(
    status,
    layout({
      lang,
      title: page.document.name,
      brand: clientBrand(page),
      switchHref: (l) => path(token, '', l),
      body,
    }),
  );
}

/** After the client answered: what was recorded, and what comes next. */
export function answeredPage(
  brand: Branding,
  lang: PageLanguage,
  a: Acceptance,
  documentName: string,
  timeZone: string | undefined,
): Reply {
  const t = STRINGS[lang];
  const accepted = a.decision === 'accepted';
  const heading = accepted ? t.acceptedTitle : t.declinedTitle;
  const lines: Array<[string, string, boolean?]> = [
    [t.document, `${documentName} (${t.version.toLowerCase()} ${a.documentVersion})`],
    [t.checksum, hexDigest(a.sha256), true],
    [t.signerName, a.name],
    [t.signerEmail, a.email],
    [t.answeredAt, formatTime(a.at, lang, timeZone)],
    ...(a.reason ? [[t.declineReason, a.reason] as [string, string]] : []),
  ];
  const body = `<h1>${esc(heading)}</h1>
<section class="card"><dl class="facts">${lines.map(([k, v, mono]) => `<dt>${esc(k)}</dt><dd>${mono ? `<span class="mono">${esc(v)}</span>` : esc(v)}</dd>`).join('')}</dl></section>
<div class="notice"><p>${esc(accepted ? t.certificateSent(a.email) : t.declineNoted)}</p></div>`;
  // No language switch: it would open the link again, not this answer.
  return pageReply(200, layout({ lang, title: heading, brand, body }));
}

/** A token that does not open the page: 404 for one never issued (or tampered), 410 saying why for the rest, as its tenant's page. */
export function clientRefusalPage(
  refusal: SharePageRefusal,
  lang: PageLanguage,
  opts: { timeZone?: string; brand?: Branding } = {},
): Reply {
  const t = STRINGS[lang];
  const when = (iso: string) => formatTime(iso, lang, opts.timeZone);
  switch (refusal.reason) {
    case 'unknown':
      return errorPage(404, lang);
    case 'expired':
      return errorPage(410, lang, { brand: opts.brand, text: [t.expiredText(when(refusal.expiresAt))] });
    case 'revoked':
      return errorPage(410, lang, { brand: opts.brand, text: [t.revokedText(when(refusal.revokedAt))] });
    case 'used-up':
      return errorPage(410, lang, { brand: opts.brand, text: [t.usedUpText] });
    case 'version-changed':
      return errorPage(410, lang, {
        brand: opts.brand,
        text: [t.offerVersionText(refusal.linkVersion, refusal.currentVersion)],
      });
    case 'not-asked':
      return errorPage(400, lang, { brand: opts.brand, text: [t.notAskedText] });
    case 'answered':
      return errorPage(409, lang, {
        brand: opts.brand,
        title: t.answeredTitle,
        text: [t.answeredText(refusal.decision === 'accepted', when(refusal.at))],
      });
  }
}
