// In-memory fakes of the sending ports, with the conditions the DynamoDB store applies
// (functions/core/sending/ports.ts), over the documents fakes' world.
import type { ShareLink } from '#core/documents/ports';
import type { Template } from '#core/templates/template';
import { MailNotSent, type ContactEmails, type OutgoingMail, type SendingDeps } from '#core/sending/ports';
import { advances, type Send } from '#core/sending/send';
import type { World } from '../documents/fakes/memory-documents';

export function memorySending(world: World) {
  const sends = new Map<string, Send>();
  const counters = new Map<string, number>();
  const contacts = new Map<string, ContactEmails>();
  // Whose each contact is, when a test says (addContact): another tenant's contact is not there.
  const contactTenants = new Map<string, string>();
  const marks = new Map<string, Record<string, string>>();
  const links: ShareLink[] = [];
  const templates = new Map<string, Template>();
  const outbox: OutgoingMail[] = [];
  let refuse: MailNotSent | undefined;
  const clone = <T>(v: T): T => structuredClone(v);

  const deps: SendingDeps = {
    documents: world.deps.documents,
    attachments: {
      // The bytes the client PUT (world.put with a body); S3 refuses a key with no object.
      async read(key) {
        const body = world.bodies.get(key);
        if (!body) throw new Error(`NoSuchKey: ${key}`);
        return new Uint8Array(body);
      },
    },
    sends: {
      async begin(s) {
        if (sends.has(s.id)) throw new Error('duplicate send');
        sends.set(s.id, clone(s));
      },
      async settle(s, { link }) {
        if (!sends.has(s.id)) throw new Error('no such send');
        sends.set(s.id, clone(s));
        if (link) {
          links.push(clone(link));
          // Written in the same transaction as the send: the link is then read as any other.
          world.shareLinks.set(link.id, clone(link));
        }
      },
      get: async (t, d, id) => {
        const s = sends.get(id);
        return s && s.tenantId === t && s.documentId === d ? clone(s) : undefined;
      },
      // Newest first by id (a ULID), as the store's sort keys; the cursor is the last id returned.
      list: async (t, d, page) => {
        const all = [...sends.values()]
          .filter((s) => s.tenantId === t && s.documentId === d && (!page.cursor || s.id < page.cursor))
          .sort((a, b) => b.id.localeCompare(a.id));
        const items = all.slice(0, page.limit);
        return { items: clone(items), nextCursor: all.length > page.limit ? items.at(-1)!.id : null };
      },
      async applyEvent(t, d, id, status, events) {
        const s = sends.get(id);
        if (!s || s.tenantId !== t || s.documentId !== d) return false;
        // The store keeps the newest 100 events and stamps the change.
        sends.set(id, {
          ...s,
          status: advances(s.status, status) ? status : s.status,
          events: [...s.events, ...events].slice(-100),
          updatedAt: new Date().toISOString(),
        });
        return true;
      },
    },
    allowance: {
      async take(t, n, w, limit) {
        // More than a window allows at all is refused before any counter is read, the minute first.
        if (n > limit.perMinute) return 'minute';
        if (n > limit.perDay) return 'day';
        const minute = counters.get(`${t}#M#${w.minute}`) ?? 0;
        const day = counters.get(`${t}#D#${w.day}`) ?? 0;
        if (day > limit.perDay - n) return 'day';
        if (minute > limit.perMinute - n) return 'minute';
        counters.set(`${t}#M#${w.minute}`, minute + n);
        counters.set(`${t}#D#${w.day}`, day + n);
        return 'ok';
      },
      async giveBack(t, n, w) {
        counters.set(`${t}#M#${w.minute}`, (counters.get(`${t}#M#${w.minute}`) ?? 0) - n);
        counters.set(`${t}#D#${w.day}`, (counters.get(`${t}#D#${w.day}`) ?? 0) - n);
      },
    },
    contacts: {
      contacts: async (t, ids) =>
        ids.flatMap((id) =>
          contacts.has(id) && (contactTenants.get(id) ?? t) === t ? [clone(contacts.get(id)!)] : [],
        ),
      // On the tenant's contact only, as the store updates the record it finds under the tenant.
      async markEmail(t, contactId, email, status) {
        if (!contacts.has(contactId) || (contactTenants.get(contactId) ?? t) !== t) return;
        marks.set(contactId, { ...marks.get(contactId), [email]: status });
      },
    },
    mailer: {
      fromAddress: () => 'no-reply@mail.dossier.example',
      // As long as MIME would be at least: the attachment goes base64-encoded (4 bytes for every 3).
      compose: async (mail) =>
        new TextEncoder().encode(
          JSON.stringify({ ...mail, attachments: [] }) +
            (mail.attachments ?? []).map((a) => ' '.repeat(Math.ceil(a.content.byteLength / 3) * 4)).join(''),
        ),
      async send(_raw, mail) {
        if (refuse) throw refuse;
        outbox.push(mail);
        return { messageId: `msg-${outbox.length}` };
      },
    },
    templates: {
      get: async (t, id) => (templates.get(id)?.tenantId === t ? clone(templates.get(id)) : undefined),
    },
    // The documents fakes' world knows which records exist, not their fields: no deal to print.
    records: { get: async () => undefined },
    clock: world.deps.clock,
  };
  return {
    deps,
    sends,
    counters,
    contacts,
    addContact(tenantId: string, contact: ContactEmails) {
      contacts.set(contact.id, clone(contact));
      contactTenants.set(contact.id, tenantId);
    },
    marks,
    /** The contact's marked addresses, as the store keeps them on the contact (undefined: not the tenant's). */
    emailStatus: (tenantId: string, contactId: string) =>
      contacts.has(contactId) && (contactTenants.get(contactId) ?? tenantId) === tenantId
        ? { ...marks.get(contactId) }
        : undefined,
    links,
    outbox,
    templates,
    refuseWith(e: MailNotSent | undefined) {
      refuse = e;
    },
  };
}
