import type { Page, PageRequest } from '#core/paging';
import type { Clock } from '#core/clock';
import type { DocumentsStore, ShareLink } from '#core/documents/ports';
import type { RecordsStore } from '#core/records/ports';
import type { TemplatesStore } from '#core/templates/ports';
import type { Send, SendStatus, RecipientEvent } from '#core/sending/send';

// What the store must guarantee:
//
// begin        PutItem of the send (attribute_not_exists), status `sending`.
// settle       TransactWriteItems: Update the send (condition status = sending) + for a link send
//              the share link's two items + `email_sent` on the document's timeline and on each
//              linked record's (or `email_failed` on the document's for a failed send).
// take         TransactWriteItems: two counter items (the minute's and the day's) `ADD n` with
//              condition `attribute_not_exists(n) OR n <= :limit - :n`; which condition failed
//              says which window is full. giveBack ADDs -n to both (a send SES refused costs nothing).
// applyEvent   UpdateItem of the send found by tenant, document and send id (SES tags).

export interface SendStore {
  begin(send: Send): Promise<void>;
  /**
   * Writes the outcome with its timeline entries. `link` is written with it (a link send's share
   * link exists only if the email went); `restricted` keeps names and subjects off record timelines.
   */
  settle(send: Send, extras: { link?: ShareLink; restricted: boolean }): Promise<void>;
  get(tenantId: string, documentId: string, sendId: string): Promise<Send | undefined>;
  /** Newest first. */
  list(tenantId: string, documentId: string, page: PageRequest): Promise<Page<Send>>;
  /** Moves the status forward and appends the events; false when the send is unknown. */
  applyEvent(
    tenantId: string,
    documentId: string,
    sendId: string,
    status: SendStatus,
    events: RecipientEvent[],
  ): Promise<boolean>;
}

export interface SendingWindows {
  minute: string;
  day: string;
}

export interface SendingAllowance {
  take(
    tenantId: string,
    recipients: number,
    windows: SendingWindows,
    limit: { perMinute: number; perDay: number },
  ): Promise<'ok' | 'minute' | 'day'>;
  giveBack(tenantId: string, recipients: number, windows: SendingWindows): Promise<void>;
}

export interface ContactEmails {
  id: string;
  name: string;
  emails: string[];
}

export interface ContactDirectory {
  /** The tenant's contacts among `ids` (absent ones left out). */
  contacts(tenantId: string, ids: string[]): Promise<ContactEmails[]>;
  /** Records what SES said about one of the contact's addresses (`emailStatus`) and logs it on its timeline. */
  markEmail(
    tenantId: string,
    contactId: string,
    email: string,
    status: 'bounced' | 'complained',
    at: string,
  ): Promise<void>;
}

export interface OutgoingMail {
  from: { name: string; address: string };
  replyTo?: string;
  to: Array<{ name?: string; address: string }>;
  cc: Array<{ name?: string; address: string }>;
  subject: string;
  html: string;
  text: string;
  /** The document, and beside an invoice its e-invoice XML; none for a link. */
  attachments?: MailAttachment[];
  /** SES message tags: how delivery events find their send. */
  tags: Record<string, string>;
}

export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Uint8Array;
}

/** SES refused the message (`retryable`: it was throttled or unreachable, so trying later may work). */
export class MailNotSent extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(reason);
    this.name = 'MailNotSent';
  }
}

export interface Mailer {
  /** The platform's verified sender address (`no-reply@…`), configured at deploy: SES sends only from it. */
  fromAddress(): string;
  /** The MIME message, as SES will get it; at least as long as its attachment base64-encoded. */
  compose(mail: OutgoingMail): Promise<Uint8Array>;
  /** Hands the message to SES; throws MailNotSent when SES refuses or cannot be reached. */
  send(raw: Uint8Array, mail: OutgoingMail): Promise<{ messageId: string }>;
}

export interface AttachmentSource {
  /** The object's bytes exactly as stored; a key with no object is an error, never empty bytes. */
  read(objectKey: string): Promise<Uint8Array>;
}

export interface SendingDeps {
  documents: DocumentsStore;
  attachments: AttachmentSource;
  sends: SendStore;
  allowance: SendingAllowance;
  contacts: ContactDirectory;
  mailer: Mailer;
  /** A tenant's own email templates (`tpl_…`, `kind: "email"`); the built-ins need no store. */
  templates: Pick<TemplatesStore, 'get'>;
  /** Reads the deal a document is filed on: built-in emails print its total. */
  records: Pick<RecordsStore, 'get'>;
  clock: Clock;
}
