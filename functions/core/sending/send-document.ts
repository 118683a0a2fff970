import { visibleOrNotFound } from '#core/documents/access';
import type { ShareLink } from '#core/documents/ports';
import { mintShareLink } from '#core/documents/share-links';
import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import type { PageRequest } from '#core/paging';
import type { TenantCaller } from '#core/tenancy/caller';
import { DEFAULT_EMAIL_TEMPLATE, emailTemplateFor, renderEmail } from '#core/sending/email-templates';
import { emailData, factsOf, senderName, tenantMailSettings, type GeneratedFacts } from '#core/sending/email-data';
import type { EmailTemplateSource } from '#core/sending/email-templates';
import { packLanguage } from '#core/templates/locales';
import type { Tenant } from '#core/tenancy/caller';
import type { CrmRecord } from '#core/records/record';
import { attachmentTooLarge, MAX_MESSAGE_BYTES, takeAllowance } from '#core/sending/limits';
import { MailNotSent, type OutgoingMail, type SendingDeps } from '#core/sending/ports';
import { resolveRecipients } from '#core/sending/recipients';
import { DEFAULT_LINK_SECONDS, type SendInput } from '#core/sending/send-request';
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
  input: SendInput,
  linkUrl: (token: string) => string,
): Promise<Send> {
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  const { to, cc } = await resolveRecipients(deps.contacts, caller.tenantId, { to: input.to, cc: input.cc ?? [] });
  if (input.as === 'attachment' && attachmentTooLarge(doc.size)) tooLarge((doc.size * 4) / 3);

  const at = deps.clock.now();
  const sendId = newId('snd');
  const settings = tenantMailSettings(caller.tenant);
  const forLink = input.as === 'link' ? linkForSend(caller, documentId, at, input.linkExpiresIn, linkUrl) : undefined;
  const link = forLink?.link;
  const templateId = input.templateId ?? DEFAULT_EMAIL_TEMPLATE;
  const found = await emailTemplateFor(deps.templates, caller.tenantId, templateId);
  const dealLink = doc.links.find((l) => l.entity === 'deal');
  const [version, deal] = await Promise.all([
    deps.documents.getVersion(caller.tenantId, doc.id, doc.currentVersion),
    dealLink ? deps.records.get(caller.tenantId, 'deal', dealLink.id) : undefined,
  ]);
  if (!version) return notFoundNow(documentId);
  const facts = factsOf(doc, version);
  const template = found.builtIn ? { ...found, locale: builtInLocale(input.locale, facts, caller.tenant) } : found;
  const linkData = forLink && { url: forLink.url, expiresAt: forLink.link.expiresAt };
  const rendered = renderEmail(
    template,
    emailData({
      caller,
      input,
      doc,
      facts,
      deal: deal as CrmRecord | undefined,
      to,
      settings,
      link: linkData,
      at,
      locale: template.locale,
    }),
  );
  const mail: OutgoingMail = {
    from: { name: senderName(caller.tenant, settings), address: deps.mailer.fromAddress() },
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    to: to.map((r) => ({ name: r.name, address: r.email })),
    cc: cc.map((r) => ({ name: r.name, address: r.email })),
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    ...(input.as === 'attachment' && {
      attachment: {
        fileName: doc.name,
        contentType: version.contentType,
        content: await deps.attachments.read(version.objectKey),
      },
    }),
    tags: { tenantId: caller.tenantId, documentId, sendId },
  };
  const raw = await deps.mailer.compose(mail);
  if (raw.byteLength > MAX_MESSAGE_BYTES) tooLarge(raw.byteLength);
  const count = to.length + cc.length;
  const windows = await takeAllowance(deps.allowance, caller, count, at);

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
    keyId: caller.keyId,
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

/**
 * A built-in email speaks the send's `locale`, else the generated document's, else the tenant
 * profile's, else English; the first whose language has a locale pack wins (the send's was checked).
 */
function builtInLocale(
  asked: string | undefined,
  facts: GeneratedFacts | undefined,
  tenant: Tenant,
): EmailTemplateSource['locale'] {
  const profile = (tenant.profile as { locale?: string } | undefined)?.locale;
  return [asked, facts?.locale, profile].find((l) => l && packLanguage(l)) ?? 'en';
}

/** The document lost its current version between the reads: as if it had gone. */
const notFoundNow = (id: string): never => {
  throw new DomainError('NOT_FOUND', `No document with id ${id}.`);
};

/**
 * The share link a link send puts in its email: minted now, written only with the sent email
 * (SendStore.settle), so a send SES refuses leaves no link behind.
 */
function linkForSend(
  caller: TenantCaller,
  documentId: string,
  at: Date,
  expiresIn: number | undefined,
  linkUrl: (token: string) => string,
): { link: ShareLink; url: string } {
  const { link, token } = mintShareLink(caller, documentId, at, expiresIn ?? DEFAULT_LINK_SECONDS);
  return { link, url: linkUrl(token) };
}

/** `GET /v1/documents/{id}/sends`: who got the document, how, and what became of each email. */
export async function listSends(
  deps: Pick<SendingDeps, 'documents' | 'sends'>,
  caller: TenantCaller,
  documentId: string,
  page: PageRequest,
) {
  visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  return deps.sends.list(caller.tenantId, documentId, page);
}
