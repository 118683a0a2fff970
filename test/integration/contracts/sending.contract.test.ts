// The send store and the sending allowance as the sending core relies on them, run against the
// in-memory fakes and the DynamoDB store alike: a fake that drifts from the store fails here.
import { describe, expect, it } from 'vitest';
import type { DocumentsDeps } from '#core/documents/ports';
import { newId } from '#core/ids';
import type { CrmRecord } from '#core/records/record';
import type { ContactDirectory, SendingAllowance, SendingWindows, SendStore } from '#core/sending/ports';
import type { Send } from '#core/sending/send';
import { dynamoRecordsStore } from '#store/records/records-store';
import { dynamoSendingAllowance } from '#store/sending/allowance';
import { dynamoContactDirectory } from '#store/sending/contacts';
import { dynamoSendStore } from '#store/sending/sends-store';
import { memoryWorld } from '../../unit/core/documents/fakes/memory-documents';
import { memorySending } from '../../unit/core/sending/memory-sending';
import {
  deps as dynamoDocumentsDeps,
  freshTenant,
  sha256Base64,
  shareLink,
  USER,
  useLocalStores,
} from '../documents-store/world';
import { newRecord } from '../records/helpers';

useLocalStores();

interface SendingSubject {
  sends: SendStore;
  allowance: SendingAllowance;
  shareLinks: DocumentsDeps['shareLinks'];
  contacts: ContactDirectory;
  /** A contact record of the tenant, as the records capability writes it. */
  addContact(
    tenantId: string,
    contact: { id: string; firstName: string; lastName: string; emails: string[] },
  ): Promise<void>;
}

const subjects: Array<[string, () => SendingSubject]> = [
  [
    'memory',
    () => {
      const world = memoryWorld();
      const sending = memorySending(world);
      const { deps } = sending;
      return {
        sends: deps.sends,
        allowance: deps.allowance,
        shareLinks: world.deps.shareLinks,
        contacts: deps.contacts,
        addContact: async (t, c) =>
          sending.addContact(t, { id: c.id, name: `${c.firstName} ${c.lastName}`, emails: c.emails }),
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
        });
      },
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
