import type { ContactDirectory, SendStore } from '#core/sending/ports';
import type { RecipientEvent, SendStatus } from '#core/sending/send';

// What SES tells about a message after accepting it (EventBridge, `aws.ses`), reduced to what
// Dossier keeps. Only delivery, bounce and complaint change anything; other events are ignored.

export interface DeliveryEvent {
  type: 'delivered' | 'bounced' | 'complained';
  at: string;
  tags: { tenantId?: string; documentId?: string; sendId?: string };
  recipients: Array<{ email: string; detail?: string }>;
  /** A transient bounce (mailbox full, …) is not a bad address: the send is marked, the contact is not. */
  permanent: boolean;
}

const STATUS: Record<DeliveryEvent['type'], SendStatus> = {
  delivered: 'delivered',
  bounced: 'bounced',
  complained: 'complained',
};

export type EventOutcome = 'applied' | 'unknown-send' | 'untagged';

/** Moves the send on and, for a hard bounce or a complaint, marks each address on the contact it came from. */
export async function applyDeliveryEvent(
  deps: { sends: SendStore; contacts: ContactDirectory },
  event: DeliveryEvent,
): Promise<EventOutcome> {
  const { tenantId, documentId, sendId } = event.tags;
  if (!tenantId || !documentId || !sendId) return 'untagged';
  const send = await deps.sends.get(tenantId, documentId, sendId);
  if (!send) return 'unknown-send';
  const events: RecipientEvent[] = event.recipients.map((r) => ({
    email: r.email,
    type: event.type,
    at: event.at,
    ...(r.detail ? { detail: r.detail.slice(0, 500) } : {}),
  }));
  await deps.sends.applyEvent(tenantId, documentId, sendId, STATUS[event.type], events);
  if (event.type === 'delivered' || (event.type === 'bounced' && !event.permanent)) return 'applied';
  const status = event.type === 'bounced' ? 'bounced' : 'complained';
  for (const r of event.recipients) {
    const contactId = [...send.to, ...send.cc].find((x) => x.email === r.email.toLowerCase())?.contactId;
    if (contactId) await deps.contacts.markEmail(tenantId, contactId, r.email.toLowerCase(), status, event.at);
  }
  return 'applied';
}
