import { canSee, visibleOrNotFound } from '#core/documents/access';
import type { Document } from '#core/documents/document';
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
  const eInvoice = await eInvoiceAttachment(deps, caller, doc, input);
  // Both files go base64-encoded in the one message: SES's 40 MB holds them together.
  const attached = doc.size + (eInvoice?.version.size ?? 0);
  if (input.as === 'attachment' && attachmentTooLarge(attached)) tooLarge((attached * 4) / 3);

  const at = deps.clock.now();
  const sendId = newId('snd');
  const settings = tenantMailSettings(caller.tenant);
  const forLink =
    input.as === 'link'
      ? linkForSend(caller, doc, at, { expiresIn: input.linkExpiresIn, acceptance: input.acceptance, sendId }, linkUrl)
      : undefined;
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
  const linkData = forLink && {
    url: forLink.url,
    expiresAt: forLink.link.expiresAt,
    ...(forLink.link.acceptance ? { acceptance: true } : {}),
  };
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
      ...(eInvoice && { eInvoice: { name: eInvoice.doc.name } }),
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
    attachments:
      input.as === 'attachment'
        ? [
            {
              fileName: doc.name,
              contentType: version.contentType,
              content: await deps.attachments.read(version.objectKey),
            },
            ...(eInvoice
              ? [
                  {
                    fileName: eInvoice.doc.name,
                    contentType: eInvoice.version.contentType,
                    content: await deps.attachments.read(eInvoice.version.objectKey),
                  },
                ]
              : []),
          ]
        : [],
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
    ...(input.acceptance ? { acceptance: true } : {}),
    ...(eInvoice && { eInvoice: { documentId: eInvoice.doc.id, version: eInvoice.version.number } }),
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

/**
 * The invoice's e-invoice XML to attach beside it: by default whenever it is valid, never when the
 * send says `attachEInvoice: false`. Asked for (`true`) on a document without a valid one, the send
 * is refused naming why, before anything is sent: 409 while it is pending (by default too) or
 * invalid, 400 when there is none.
 */
async function eInvoiceAttachment(deps: SendingDeps, caller: TenantCaller, doc: Document, input: SendInput) {
  const asked = input.attachEInvoice;
  if (asked === false || input.as !== 'attachment') return undefined;
  const refuse = (why: string): undefined => {
    if (!asked) return undefined;
    throw new DomainError('VALIDATION', `Document ${doc.id} has no e-invoice to attach: ${why}.`, [
      { path: 'attachEInvoice', message: `no valid e-invoice to attach: ${why}` },
    ]);
  };
  const state = doc.eInvoice;
  if (!state) return refuse('it is not an invoice generated with one');
  // Its Schematron runs for a second or so after generation: a send then would go without the XML
  // the invoice will have, so it waits for the result, asked for or by default.
  if (state.status === 'pending')
    throw new DomainError(
      'CONFLICT',
      `The e-invoice of document ${doc.id} is still being validated; send again in a moment (or with attachEInvoice: false).`,
      [],
      { 'retry-after': '2' },
      { eInvoice: state },
    );
  if (state.status === 'invalid') {
    if (!asked) return undefined;
    throw new DomainError(
      'CONFLICT',
      `The e-invoice of document ${doc.id} failed validation (${(state.errors ?? []).map((e) => e.rule).join(', ')}): it cannot be attached. Correct the data and regenerate, or send with attachEInvoice: false.`,
      [],
      {},
      { eInvoice: state },
    );
  }
  if (state.status === 'skipped') return refuse('none was made (e-invoicing is off, or a draft or HTML)');
  if (state.status === 'missing-data') return refuse(`data it needs is missing (${(state.missing ?? []).join(', ')})`);
  const twin = state.documentId ? await deps.documents.getDocument(caller.tenantId, state.documentId) : undefined;
  const version =
    twin && canSee(caller, twin) && (await deps.documents.getVersion(caller.tenantId, twin.id, twin.currentVersion));
  if (!twin || !version) return refuse('its XML document is gone');
  return { doc: twin, version };
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
  doc: Document,
  at: Date,
  options: { expiresIn?: number; acceptance?: boolean; sendId: string },
  linkUrl: (token: string) => string,
): { link: ShareLink; url: string } {
  const { link, token } = mintShareLink(caller, doc.id, at, options.expiresIn ?? DEFAULT_LINK_SECONDS, {
    documentVersion: doc.currentVersion,
    acceptance: options.acceptance,
    sendId: options.sendId,
  });
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
