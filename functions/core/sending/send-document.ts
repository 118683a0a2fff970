import { visibleOrNotFound } from '#core/documents/access';
import { mintShareToken } from '#core/documents/share-token';
import type { ShareLink } from '#core/documents/ports';
import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import type { TenantCaller } from '#core/tenancy/caller';
import { parseInput } from '#core/validation';
import { DEFAULT_EMAIL_TEMPLATE, emailTemplateFor, renderEmail } from '#core/sending/email-templates';
import { attachmentTooLarge, MAX_MESSAGE_BYTES, SENDING_LIMITS, secondsUntil, windowsAt } from '#core/sending/limits';
import { senderName } from '#core/sending/mail-settings';
import { MailNotSent, type OutgoingMail, type SendingDeps } from '#core/sending/ports';
import { resolveRecipients } from '#core/sending/recipients';
import { DEFAULT_LINK_SECONDS, SendRequest } from '#core/sending/send-request';
import type { Send } from '#core/sending/send';

const tooLarge = (size: number): never => {
  throw new DomainError(
    'PAYLOAD_TOO_LARGE',
    `The document is too large to attach (the email would be about ${Math.ceil(size / 1024 / 1024)} MB; SES takes at most ${MAX_MESSAGE_BYTES / 1024 / 1024} MB). Send it as a link instead: "as": "link".`,
  );
};

/**
 * `POST /v1/documents/{id}/send`. Everything that can be refused is refused before SES is called;
 * then the send is written as `sending`, SES gets the message, and the outcome is written with its
 * timeline entries (and, for a link, the share link: it exists only if the email went out).
 * `linkUrl` makes the public URL of a share token (the HTTP layer knows the host).
 */
export async function sendDocument(
  deps: SendingDeps,
  caller: TenantCaller,
  documentId: string,
  body: unknown,
  linkUrl: (token: string) => string,
): Promise<Send> {
  const parsed = parseInput(SendRequest, body, '');
  if (parsed.errors) throw new DomainError('VALIDATION', 'The send request is invalid.', parsed.errors);
  const input = parsed.data!;
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  const { to, cc } = await resolveRecipients(deps.contacts, caller.tenantId, { to: input.to, cc: input.cc ?? [] });
  if (input.as === 'attachment' && attachmentTooLarge(doc.size)) tooLarge((doc.size * 4) / 3);

  const at = deps.clock.now();
  const sendId = newId('snd');
  const settings = deps.mailSettings(caller.tenant);
  let link: ShareLink | undefined;
  let attachment: OutgoingMail['attachment'];
  let linkData: { url: string; expiresAt: string } | undefined;
  if (input.as === 'link') {
    const linkId = newId('shl');
    const { token, hash } = mintShareToken(caller.tenantId, linkId);
    const expiresAt = new Date(at.getTime() + (input.linkExpiresIn ?? DEFAULT_LINK_SECONDS) * 1000).toISOString();
    link = {
      id: linkId,
      tenantId: caller.tenantId,
      documentId,
      tokenHash: hash,
      createdAt: at.toISOString(),
      expiresAt,
      maxDownloads: null,
      downloads: 0,
      by: caller.userId,
    };
    linkData = { url: linkUrl(token), expiresAt };
  }
  const templateId = input.templateId ?? DEFAULT_EMAIL_TEMPLATE;
  const template = await emailTemplateFor(deps.templates, caller.tenantId, templateId);
  const rendered = renderEmail(template, {
    subject: input.subject,
    message: paragraphs(input.message),
    document: { name: doc.name, contentType: doc.contentType, size: doc.size, date: at.toISOString().slice(0, 10) },
    link: linkData,
    tenant: { ...caller.tenant.profile, name: caller.tenant.name },
    recipient: { name: to[0].name },
    contact: to[0].contactId ? { id: to[0].contactId, fullName: to[0].name, email: to[0].email } : undefined,
    signature: paragraphs(settings.signature),
    locale: template.locale,
  });
  const version = await deps.documents.getVersion(caller.tenantId, doc.id, doc.currentVersion);
  if (!version) return notFoundNow(documentId);
  if (input.as === 'attachment')
    attachment = {
      fileName: doc.name,
      contentType: version.contentType,
      content: await deps.attachments.read(version.objectKey),
    };

  const mail: OutgoingMail = {
    from: { name: senderName(caller.tenant, settings), address: deps.fromAddress() },
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    to: to.map((r) => ({ name: r.name, address: r.email })),
    cc: cc.map((r) => ({ name: r.name, address: r.email })),
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    attachment,
    tags: { tenantId: caller.tenantId, documentId, sendId },
  };
  const raw = await deps.mailer.compose(mail);
  if (raw.byteLength > MAX_MESSAGE_BYTES) tooLarge(raw.byteLength);

  const count = to.length + cc.length;
  const windows = windowsAt(at);
  const limit = SENDING_LIMITS[caller.tenant.plan];
  const taken = await deps.allowance.take(caller.tenantId, count, windows, limit);
  if (taken !== 'ok') {
    const retryAfter = secondsUntil(at, taken === 'minute' ? windows.minuteEnds : windows.dayEnds);
    throw new DomainError(
      'RATE_LIMITED',
      taken === 'minute'
        ? `This tenant may send to at most ${limit.perMinute} recipients a minute on the ${caller.tenant.plan} plan.`
        : `This tenant may send to at most ${limit.perDay} recipients a day (UTC) on the ${caller.tenant.plan} plan.`,
      [],
      { 'retry-after': String(retryAfter) },
    );
  }

  const send: Send = {
    id: sendId,
    tenantId: caller.tenantId,
    documentId,
    documentVersion: version.number,
    to,
    cc,
    subject: rendered.subject,
    as: input.as,
    templateId,
    status: 'sending',
    ...(link ? { linkId: link.id, linkExpiresAt: link.expiresAt } : {}),
    size: raw.byteLength,
    events: [],
    links: doc.links,
    by: caller.userId,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  await deps.sends.begin(send);
  const restricted = doc.visibility === 'restricted';
  try {
    const { messageId } = await deps.mailer.send(raw, mail);
    const sent: Send = { ...send, status: 'sent', messageId, updatedAt: deps.clock.now().toISOString() };
    await deps.sends.settle(sent, { link, restricted });
    return sent;
  } catch (e) {
    if (!(e instanceof MailNotSent)) throw e;
    await deps.allowance.giveBack(caller.tenantId, count, windows);
    const failed: Send = { ...send, status: 'failed', reason: e.reason, updatedAt: deps.clock.now().toISOString() };
    delete failed.linkId;
    delete failed.linkExpiresAt;
    await deps.sends.settle(failed, { restricted });
    throw new DomainError(
      e.retryable ? 'UNAVAILABLE' : 'SEND_FAILED',
      `The email was not sent: ${e.reason} (send ${sendId}).`,
      [],
      e.retryable ? { 'retry-after': '5' } : {},
    );
  }
}

/** Plain text as paragraphs of lines (the templates print them with <p> and <br>); undefined when empty. */
function paragraphs(text: string | undefined): string[][] | undefined {
  const out = (text ?? '')
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.split(/\r?\n/).map((l) => l.trim()))
    .filter((p) => p.some(Boolean));
  return out.length ? out : undefined;
}

/** The document lost its current version between the reads: as if it had gone. */
const notFoundNow = (id: string): never => {
  throw new DomainError('NOT_FOUND', `No document with id ${id}.`);
};
