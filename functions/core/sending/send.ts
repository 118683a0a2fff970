import type { RecordLink } from '#core/documents/document';

// One email that carried one document. Its status moves from `sending` (written before SES is
// called, so a crash leaves a trace) to `sent` or `failed`; SES events then move a sent one on.

export const SEND_STATUSES = ['sending', 'sent', 'delivered', 'bounced', 'complained', 'failed'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

export const SEND_AS = ['attachment', 'link'] as const;
export type SendAs = (typeof SEND_AS)[number];

export interface Recipient {
  email: string;
  name?: string;
  /** Set when the address was taken from a contact: a bounce is marked there. */
  contactId?: string;
}

/** What SES reported about one address (bounce or complaint), newest last. */
export interface RecipientEvent {
  email: string;
  type: 'delivered' | 'bounced' | 'complained';
  at: string;
  detail?: string;
}

export interface Send {
  id: string;
  tenantId: string;
  documentId: string;
  /** The document version that went out. */
  documentVersion: number;
  to: Recipient[];
  cc: Recipient[];
  subject: string;
  as: SendAs;
  templateId: string;
  status: SendStatus;
  /** SES's message id, once SES accepted the message. */
  messageId?: string;
  /** Why it failed, in words fit for the sender. */
  reason?: string;
  /** `as: "link"`: the share link the email points to. */
  linkId?: string;
  linkExpiresAt?: string;
  /** The link's page asks the one recipient to accept the document as an offer. */
  acceptance?: boolean;
  /** Views of the link's page and file (kept beside the send: a view never rewrites it). */
  views?: number;
  /** The first and the latest view. */
  viewedAt?: string;
  lastViewedAt?: string;
  /** The client's answer on the link's page. */
  answer?: { decision: 'accepted' | 'declined'; at: string; acceptanceId: string };
  /** The e-invoice XML attached beside the document (an invoice's twin): which document and version went. */
  eInvoice?: { documentId: string; version: number };
  /** Size of the MIME message handed to SES, in bytes. */
  size?: number;
  events: RecipientEvent[];
  /** The document's record links when it was sent: their timelines got the entry. */
  links: RecordLink[];
  by: string;
  /** The key that sent it (absent on sends made before keys were recorded). */
  keyId?: string;
  createdAt: string;
  updatedAt: string;
}

/** Later statuses never go back to earlier ones (SES may deliver events out of order). */
const RANK: Record<SendStatus, number> = { sending: 0, failed: 1, sent: 1, delivered: 2, bounced: 3, complained: 4 };
export const advances = (from: SendStatus, to: SendStatus): boolean => RANK[to] > RANK[from];
