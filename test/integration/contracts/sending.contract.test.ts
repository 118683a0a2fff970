// The sending ports as the sending core relies on them (sends, allowance, contacts, the template
// reader, attachments, the mailer), run against the in-memory fakes and the real stores (DynamoDB
// Local, s3rver, the local SES) alike: a fake that drifts from the store fails here.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DocumentsDeps } from '#core/documents/ports';
import { newId } from '#core/ids';
import type { CrmRecord } from '#core/records/record';
import type {
  AttachmentSource,
  ContactDirectory,
  Mailer,
  OutgoingMail,
  SendingAllowance,
  SendingDeps,
  SendingWindows,
  SendStore,
} from '#core/sending/ports';
import type { Send } from '#core/sending/send';
import { DEFAULT_PAPER, type Template, versionOf } from '#core/templates/template';
import { dynamoRecordsStore } from '#store/records/records-store';
import { dynamoSendingAllowance } from '#store/sending/allowance';
import { s3Attachments } from '#store/sending/attachments';
import { dynamoContactDirectory } from '#store/sending/contacts';
import { sesMailer } from '#store/sending/ses-mailer';
import { dynamoSendStore } from '#store/sending/sends-store';
import { dynamoTemplatesStore } from '#store/templates/templates-store';
import { memoryWorld } from '../../unit/core/documents/fakes/memory-documents';
import { memorySending } from '../../unit/core/sending/memory-sending';
import {
  deps as dynamoDocumentsDeps,
  freshTenant,
  putObject,
  sha256Base64,
  shareLink,
  USER,
  useLocalStores,
} from '../documents-store/world';
import { newRecord } from '../records/helpers';
import { mailTo, unique } from '../sending/mailbox';

useLocalStores();

/** What one email looked like to an address it reached. */
interface Received {
  subject: string;
  from: string;
  attachments: string[];
}

interface SendingSubject {
  sends: SendStore;
  allowance: SendingAllowance;
  shareLinks: DocumentsDeps['shareLinks'];
  contacts: ContactDirectory;
  templates: SendingDeps['templates'];
  attachments: AttachmentSource;
  mailer: Mailer;
  /** A contact record of the tenant, as the records capability writes it. */
  addContact(
    tenantId: string,
    contact: { id: string; firstName: string; lastName: string; emails: string[] },
  ): Promise<void>;
  /** The contact's `emailStatus` as its record holds it (undefined: no record of the tenant). */
  emailStatus(tenantId: string, contactId: string): Promise<Record<string, string> | undefined>;
  /** A template saved through the templates API, and removed. */
  saveTemplate(template: Template): Promise<void>;
  removeTemplate(template: Template): Promise<void>;
  /** What a client's PUT of a document's bytes leaves in the bucket. */
  putObject(key: string, bytes: Buffer): Promise<void>;
  /** Every email the mailer delivered to `address`. */
  received(address: string): Promise<Received[]>;
}

const subjects: Array<[string, () => SendingSubject]> = [
  [
    'memory',
    () => {
      const world = memoryWorld();
      const sending = memorySending(world);
      const { deps } = sending;
      const names = (list: OutgoingMail['to']) => list.map((r) => r.address);
      return {
        sends: deps.sends,
        allowance: deps.allowance,
        shareLinks: world.deps.shareLinks,
        contacts: deps.contacts,
        templates: deps.templates,
        attachments: deps.attachments,
        mailer: deps.mailer,
        addContact: async (t, c) =>
          sending.addContact(t, { id: c.id, name: `${c.firstName} ${c.lastName}`, emails: c.emails }),
        emailStatus: async (t, id) => sending.emailStatus(t, id),
        saveTemplate: async (t) => void sending.templates.set(t.id, structuredClone(t)),
        removeTemplate: async (t) => void sending.templates.delete(t.id),
        putObject: async (key, bytes) => world.put(key, { size: bytes.byteLength, sha256: sha256Base64(bytes) }, bytes),
        received: async (address) =>
          sending.outbox
            .filter((m) => [...names(m.to), ...names(m.cc)].includes(address))
            .map((m) => ({
              subject: m.subject,
              from: `"${m.from.name}" <${m.from.address}>`,
              attachments: (m.attachments ?? []).map((a) => a.fileName),
            })),
      };
    },
  ],
  [
    'dynamo',
    () => ({
      sends: dynamoSendStore,
      allowance: dynamoSendingAllowance,
      shareLinks: dynamoDocumentsDeps().shareLinks,
      contacts: dynamoContactDirectory,
      templates: dynamoTemplatesStore,
      attachments: s3Attachments,
      mailer: sesMailer,
      async addContact(tenantId, c) {
        const fields = { firstName: c.firstName, lastName: c.lastName, emails: c.emails };
        const record: CrmRecord = { ...newRecord('contact', fields, USER), id: c.id };
        await dynamoRecordsStore.write(tenantId, {
          record,
          timeline: [],
          searchAdd: [],
          searchRemove: [],
          linkChecks: [],
          linksAdd: [],
          linksRemove: [],
          events: [],
        });
      },
      async emailStatus(tenantId, contactId) {
        const record = await dynamoRecordsStore.get(tenantId, 'contact', contactId);
        return record && ((record.fields.emailStatus as Record<string, string> | undefined) ?? {});
      },
      async saveTemplate(t) {
        expect(await dynamoTemplatesStore.save(t, versionOf(t, USER, t.updatedAt), null)).toBe('saved');
      },
      async removeTemplate(t) {
        expect(await dynamoTemplatesStore.remove(t, new Date().toISOString())).toBe(true);
      },
      putObject,
      received: async (address) =>
        (await mailTo(address)).map((m) => ({
          subject: m.subject,
          from: m.from,
          attachments: m.attachments.map((a) => a.filename ?? ''),
        })),
    }),
  ],
];

function newSend(tenantId: string, documentId: string, over: Partial<Send> = {}): Send {
  const at = new Date().toISOString();
  return {
    id: newId('snd'),
    tenantId,
    documentId,
    documentVersion: 1,
    to: [{ email: 'ann@acme.example' }],
    cc: [],
    subject: 'The contract',
    as: 'attachment',
    templateId: 'tpl_builtin',
    status: 'sending',
    events: [],
    links: [],
    by: USER,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

/** Every test has a fresh tenant, so its counters start at zero. */
const windows = (): SendingWindows => ({ minute: '2026-12-06T10:00', day: '2026-12-06' });

describe.each(subjects)('send store (%s)', (_name, subject) => {
  it('begins a send once, reads it only under its tenant and document', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const documentId = newId('doc');
    const send = newSend(tenantId, documentId);
    await s.sends.begin(send);
    await expect(s.sends.begin(send)).rejects.toBeDefined();
    expect(await s.sends.get(tenantId, documentId, send.id)).toEqual(send);
    expect(await s.sends.get(freshTenant(), documentId, send.id)).toBeUndefined();
    expect(await s.sends.get(tenantId, newId('doc'), send.id)).toBeUndefined();
    expect(await s.sends.get(tenantId, documentId, newId('snd'))).toBeUndefined();
  });

  it('settles a send with its share link, readable as any other link', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const documentId = newId('doc');
    const send = newSend(tenantId, documentId, { as: 'link' });
    await s.sends.begin(send);
    const at = new Date().toISOString();
    const link = shareLink(tenantId, documentId, { tokenHash: sha256Base64(send.id), createdAt: at });
    const settled: Send = { ...send, status: 'sent', messageId: 'msg-1', linkId: link.id, updatedAt: at };
    await s.sends.settle(settled, { link, restricted: false });
    expect(await s.sends.get(tenantId, documentId, send.id)).toEqual(settled);
    expect(await s.shareLinks.getShareLink(tenantId, link.id)).toEqual(link);
  });

  it('lists a document’s sends newest first, page by page from the cursor', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const documentId = newId('doc');
    const sends: Send[] = [];
    for (let i = 0; i < 5; i++) {
      const send = newSend(tenantId, documentId);
      await s.sends.begin(send);
      sends.push(send);
    }
    await s.sends.begin(newSend(tenantId, newId('doc')));
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await s.sends.list(tenantId, documentId, {
        limit: 2,
        scope: 'contract',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(ids).toEqual(sends.map((x) => x.id).reverse());
    expect((await s.sends.list(freshTenant(), documentId, { limit: 10, scope: 'contract' })).items).toEqual([]);
  });

  it('moves the status only forward, appends events (the newest 100), and knows no unknown send', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const documentId = newId('doc');
    const send = newSend(tenantId, documentId, { status: 'sent' });
    await s.sends.begin(send);
    const event = (i: number) => ({ email: 'ann@acme.example', type: 'delivered' as const, at: `t${i}` });
    expect(await s.sends.applyEvent(tenantId, documentId, send.id, 'bounced', [event(0)])).toBe(true);
    expect(await s.sends.applyEvent(tenantId, documentId, send.id, 'delivered', [event(1)])).toBe(true);
    const after = (await s.sends.get(tenantId, documentId, send.id))!;
    expect(after.status).toBe('bounced');
    expect(after.events).toEqual([event(0), event(1)]);
    await s.sends.applyEvent(
      tenantId,
      documentId,
      send.id,
      'bounced',
      Array.from({ length: 120 }, (_, i) => event(i + 2)),
    );
    const capped = (await s.sends.get(tenantId, documentId, send.id))!;
    expect(capped.events).toHaveLength(100);
    expect(capped.events.at(-1)).toEqual(event(121));
    expect(await s.sends.applyEvent(freshTenant(), documentId, send.id, 'bounced', [event(0)])).toBe(false);
    expect(await s.sends.applyEvent(tenantId, documentId, newId('snd'), 'bounced', [event(0)])).toBe(false);
  });
});

describe.each(subjects)('sending allowance (%s)', (_name, subject) => {
  it('takes recipients up to the minute’s and the day’s limits, both or neither, and gives them back', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const w = windows();
    const limit = { perMinute: 5, perDay: 8 };
    expect(await s.allowance.take(tenantId, 3, w, limit)).toBe('ok');
    expect(await s.allowance.take(tenantId, 2, w, limit)).toBe('ok');
    expect(await s.allowance.take(tenantId, 1, w, limit)).toBe('minute');
    // A new minute of the same day: the day's total still counts the five.
    const later = { ...w, minute: '2026-12-06T10:01' };
    expect(await s.allowance.take(tenantId, 4, later, limit)).toBe('day');
    expect(await s.allowance.take(tenantId, 3, later, limit)).toBe('ok');
    expect(await s.allowance.take(tenantId, 1, later, limit)).toBe('day');
    await s.allowance.giveBack(tenantId, 3, later);
    expect(await s.allowance.take(tenantId, 3, later, limit)).toBe('ok');
    // Another tenant has its own counters.
    expect(await s.allowance.take(freshTenant(), 5, w, limit)).toBe('ok');
  });

  it('refuses more recipients than a window allows at all, naming the minute first', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const w = windows();
    expect(await s.allowance.take(tenantId, 10, w, { perMinute: 5, perDay: 8 })).toBe('minute');
    expect(await s.allowance.take(tenantId, 9, w, { perMinute: 50, perDay: 8 })).toBe('day');
    expect(await s.allowance.take(tenantId, 5, w, { perMinute: 5, perDay: 8 })).toBe('ok');
  });
});

describe.each(subjects)('contact directory (%s)', (_name, subject) => {
  it('finds the tenant’s contacts among the ids, leaving out unknown ones and other tenants’', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const ann = { id: newId('con'), firstName: 'Ann', lastName: 'Lee', emails: ['ann@acme.example'] };
    const bob = { id: newId('con'), firstName: 'Bob', lastName: 'Ray', emails: ['bob@other.example'] };
    await s.addContact(tenantId, ann);
    await s.addContact(freshTenant(), bob);
    expect(await s.contacts.contacts(tenantId, [ann.id, bob.id, newId('con')])).toEqual([
      { id: ann.id, name: 'Ann Lee', emails: ['ann@acme.example'] },
    ]);
    expect(await s.contacts.contacts(freshTenant(), [ann.id])).toEqual([]);
  });
});

describe.each(subjects)('contact directory marks (%s)', (_name, subject) => {
  it('marks an address on the tenant’s contact, keeps the marks of its other addresses, and leaves other tenants’ alone', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const ann = { id: newId('con'), firstName: 'Ann', lastName: 'Lee', emails: ['ann@acme.example', 'a@home.example'] };
    await s.addContact(tenantId, ann);
    const at = new Date().toISOString();
    await s.contacts.markEmail(tenantId, ann.id, 'ann@acme.example', 'bounced', at);
    await s.contacts.markEmail(tenantId, ann.id, 'a@home.example', 'complained', at);
    expect(await s.emailStatus(tenantId, ann.id)).toEqual({
      'ann@acme.example': 'bounced',
      'a@home.example': 'complained',
    });
    // Another tenant naming the id, and an unknown id, change nothing and are no error.
    const other = freshTenant();
    await s.contacts.markEmail(other, ann.id, 'ann@acme.example', 'complained', at);
    await s.contacts.markEmail(tenantId, newId('con'), 'ann@acme.example', 'complained', at);
    expect(await s.emailStatus(tenantId, ann.id)).toEqual({
      'ann@acme.example': 'bounced',
      'a@home.example': 'complained',
    });
    expect(await s.emailStatus(other, ann.id)).toBeUndefined();
  });
});

function emailTemplate(tenantId: string, over: Partial<Template> = {}): Template {
  const at = new Date().toISOString();
  return {
    id: newId('tpl'),
    tenantId,
    version: 1,
    name: 'Our offer mail',
    kind: 'email',
    entity: 'deal',
    subject: 'Offer {{document.name}}',
    body: '<p>Hello {{recipient.name}}</p>',
    css: 'p { margin: 0 }',
    header: '',
    footer: '',
    paper: DEFAULT_PAPER,
    locale: 'de-DE',
    sequenceId: null,
    createdAt: at,
    updatedAt: at,
    createdBy: USER,
    updatedBy: USER,
    ...over,
  };
}

describe.each(subjects)('template reader (%s)', (_name, subject) => {
  it('reads the tenant’s template as saved, and another tenant’s, an unknown and a removed one as absent', async () => {
    const s = subject();
    const tenantId = freshTenant();
    const mail = emailTemplate(tenantId);
    const offer = emailTemplate(tenantId, { kind: 'offer', subject: '' });
    await s.saveTemplate(mail);
    await s.saveTemplate(offer);
    expect(await s.templates.get(tenantId, mail.id)).toEqual(mail);
    expect(await s.templates.get(tenantId, offer.id)).toEqual(offer);
    expect(await s.templates.get(freshTenant(), mail.id)).toBeUndefined();
    expect(await s.templates.get(tenantId, newId('tpl'))).toBeUndefined();
    await s.removeTemplate(offer);
    expect(await s.templates.get(tenantId, offer.id)).toBeUndefined();
    expect(await s.templates.get(tenantId, mail.id)).toEqual(mail);
  });
});

describe.each(subjects)('attachment source (%s)', (_name, subject) => {
  it('reads an object’s bytes exactly as stored, and refuses a key with no object', async () => {
    const s = subject();
    const tenantId = freshTenant();
    // Binary, with zero bytes and invalid UTF-8, larger than one read chunk.
    const bytes = Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0]), randomBytes(200_000)]);
    const key = `t/${tenantId}/d/${newId('doc')}/v/1`;
    await s.putObject(key, bytes);
    expect(Buffer.from(await s.attachments.read(key)).equals(bytes)).toBe(true);
    await expect(s.attachments.read(`t/${tenantId}/d/${newId('doc')}/v/1`)).rejects.toBeDefined();
  });
});

const outgoing = (to: string, over: Partial<OutgoingMail> = {}): OutgoingMail => ({
  from: { name: 'Acme via Dossier', address: 'no-reply@dossier.localhost' },
  to: [{ name: 'Ann Lee', address: to }],
  cc: [],
  subject: 'The contract',
  html: '<p>Hello Ann,</p><p>the contract is attached.</p>',
  text: 'Hello Ann,\n\nthe contract is attached.',
  tags: { tenantId: freshTenant(), documentId: newId('doc'), sendId: newId('snd') },
  ...over,
});

describe.each(subjects)('mailer (%s)', (_name, subject) => {
  it('sends from one configured address', () => {
    expect(subject().mailer.fromAddress()).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
  });

  it('composes a message at least as long as its attachment in base64, which the 40 MB check relies on', async () => {
    const s = subject();
    const content = randomBytes(300_000);
    const mail = outgoing(unique('size'), {
      attachments: [{ fileName: 'scan.bin', contentType: 'application/octet-stream', content }],
    });
    const raw = await s.mailer.compose(mail);
    expect(raw.byteLength).toBeGreaterThanOrEqual(Math.ceil(content.byteLength / 3) * 4);
    const bare = await s.mailer.compose({ ...mail, attachments: [] });
    expect(raw.byteLength - bare.byteLength).toBeGreaterThanOrEqual(Math.ceil(content.byteLength / 3) * 4);
  });

  it('delivers each message once to its To and Cc, with its own message id', async () => {
    const s = subject();
    const ann = unique('ann');
    const copy = unique('copy');
    const first = outgoing(ann, {
      cc: [{ address: copy }],
      from: { name: 'Acme via Dossier', address: s.mailer.fromAddress() },
      attachments: [{ fileName: 'contract.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') }],
    });
    const second = outgoing(ann, { subject: 'The contract, signed', from: first.from });
    const a = await s.mailer.send(await s.mailer.compose(first), first);
    const b = await s.mailer.send(await s.mailer.compose(second), second);
    expect(a.messageId).toBeTruthy();
    expect(b.messageId).toBeTruthy();
    expect(a.messageId).not.toBe(b.messageId);
    const got = await s.received(ann);
    expect(got.map((m) => m.subject).sort()).toEqual(['The contract', 'The contract, signed']);
    for (const m of got) expect(m.from).toContain(`"Acme via Dossier" <${s.mailer.fromAddress()}>`);
    expect(got.find((m) => m.subject === 'The contract')!.attachments).toEqual(['contract.pdf']);
    expect((await s.received(copy)).map((m) => m.subject)).toEqual(['The contract']);
  });
});
