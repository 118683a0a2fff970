import type { Document } from '#core/documents/document';
import type { Tenant, TenantCaller } from '#core/tenancy/caller';
import type { Recipient } from '#core/sending/send';
import type { SendInput } from '#core/sending/send-request';

/** The tenant's say in its emails (`PATCH /v1/tenant`, `mailSettings`): from name, reply-to, signature. */
export type MailSettings = NonNullable<Tenant['mailSettings']>;

/** The tenant's mail settings, or none: every field has a default where it is used. */
export const tenantMailSettings = (tenant: Tenant): MailSettings => tenant.mailSettings ?? {};

/** `"<name> via Dossier"`: mail goes from the platform's verified domain, in the tenant's name. */
export const senderName = (tenant: Tenant, settings: MailSettings): string =>
  `${(settings.fromName ?? tenant.name).replace(/[\u0000-\u001f\u007f-\u009f"]/g, ' ').trim()} via Dossier`;

/** Plain text as paragraphs of lines (templates print them with <p> and <br>); undefined when empty. */
export function paragraphs(text: string | undefined): string[][] | undefined {
  const out = (text ?? '')
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.split(/\r?\n/).map((l) => l.trim()))
    .filter((p) => p.some(Boolean));
  return out.length ? out : undefined;
}

/** What an email template sees (README, "Sending documents by email"). */
export function emailData(p: {
  caller: TenantCaller;
  input: SendInput;
  doc: Document;
  to: Recipient[];
  settings: MailSettings;
  link?: { url: string; expiresAt: string };
  at: Date;
  locale: string;
}): Record<string, unknown> {
  const first = p.to[0];
  return {
    subject: p.input.subject,
    message: paragraphs(p.input.message),
    document: {
      name: p.doc.name,
      contentType: p.doc.contentType,
      size: p.doc.size,
      date: p.at.toISOString().slice(0, 10),
    },
    link: p.link,
    tenant: { ...p.caller.tenant.profile, name: p.caller.tenant.name },
    recipient: { name: first.name },
    contact: first.contactId ? { id: first.contactId, fullName: first.name, email: first.email } : undefined,
    signature: paragraphs(p.settings.signature),
    locale: p.locale,
  };
}
