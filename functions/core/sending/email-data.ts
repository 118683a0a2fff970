import type { Document, DocumentVersion, GeneratedFrom } from '#core/documents/document';
import type { CrmRecord } from '#core/records/record';
import type { Totals } from '#core/records/money';
import type { Tenant, TenantCaller } from '#core/tenancy/caller';
import { tenantTimeZone } from '#core/tenancy/profile';
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

// Salutations in the languages with a locale pack. "Hea" and "Hi" also open ordinary sentences
// ("Hea meel on teatada, …"), so a first line counts as a greeting only when it is short or ends
// as salutations do, with a comma or an exclamation mark.
const SALUTATION =
  /^(tere|tervist|tšau|hei|hea|head|lugupeetud|austatud|armas|kallis|hello|hi|hey|dear|greetings|good (morning|afternoon|evening))(?![\p{L}\p{N}])/iu;

/** Whether the sender's message opens with its own greeting (then the template adds none). */
export function opensWithGreeting(message: string | undefined): boolean {
  const first = (message ?? '').trim().split(/\r?\n/)[0]?.trim() ?? '';
  return SALUTATION.test(first) && (first.length <= 40 || /[,!]$/.test(first));
}

/** The facts a generation records on a document (the generation adds more of them over time). */
export type GeneratedFacts = GeneratedFrom & {
  issueDate?: string;
  dueDate?: string;
  referenceNumber?: string;
  totals?: Totals;
  locale?: string;
};

/** A version's facts where it has its own, else the document's. */
export const factsOf = (doc: Document, version?: DocumentVersion): GeneratedFacts | undefined =>
  ((version as { generated?: GeneratedFacts } | undefined)?.generated ?? doc.generated) as GeneratedFacts | undefined;

/** What an email template sees (README, "Sending documents by email"). */
export function emailData(p: {
  caller: TenantCaller;
  input: SendInput;
  doc: Document;
  facts?: GeneratedFacts;
  /** The deal the document is filed on, if any. */
  deal?: CrmRecord;
  to: Recipient[];
  settings: MailSettings;
  link?: { url: string; expiresAt: string; acceptance?: boolean };
  /** The e-invoice XML attached beside the document, if any: the email says so. */
  eInvoice?: { name: string };
  at: Date;
  locale: string;
}): Record<string, unknown> {
  const first = p.to[0];
  const facts = p.facts;
  const deal: Record<string, unknown> | undefined = p.deal && { id: p.deal.id, ...p.deal.fields };
  const totals = facts?.totals ?? (deal?.totals as Totals | undefined);
  const profile = p.caller.tenant.profile as (Record<string, unknown> & { timeZone?: string }) | undefined;
  return {
    subject: p.input.subject,
    message: paragraphs(p.input.message),
    greeted: opensWithGreeting(p.input.message),
    document: {
      name: p.doc.name,
      contentType: p.doc.contentType,
      size: p.doc.size,
      date: p.at.toISOString().slice(0, 10),
      ...(facts?.number && { number: facts.number }),
      // A draft is sent for review: the invoice email then asks for no payment.
      ...(facts?.draft && { draft: true }),
      ...(facts?.issueDate && { issueDate: facts.issueDate }),
      ...(facts?.dueDate && { dueDate: facts.dueDate }),
      ...(facts?.referenceNumber && { referenceNumber: facts.referenceNumber }),
    },
    deal,
    totals,
    currency: (deal?.currency as string | undefined) ?? 'EUR',
    link: p.link,
    eInvoice: p.eInvoice,
    tenant: { ...profile, name: p.caller.tenant.name, timeZone: tenantTimeZone(profile) },
    recipient: { name: first.name },
    contact: first.contactId ? { id: first.contactId, fullName: first.name, email: first.email } : undefined,
    signature: paragraphs(p.settings.signature),
    locale: p.locale,
  };
}
