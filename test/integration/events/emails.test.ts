import { readFileSync } from 'node:fs';
import type { EventBridgeEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { unique } from '../sending/mailbox';
import { feed, outboxItems } from './helpers';

// Email events through GET /v1/events: email.sent with the send SES accepted, then one event per
// SES report (the deployed handler fed recorded EventBridge events, as sending/ses-events.test.ts
// does), each committed with the change to the send; what changes nothing writes none.

let handler: (e: EventBridgeEvent<string, unknown>) => Promise<unknown>;
beforeAll(async () => {
  useLocalRuntimeFromThisProcess();
  ({ handler } = await import('#events/ses-events'));
});

function recorded(
  name: 'bounce' | 'delivery' | 'complaint',
  s: { tenantId: string; documentId: string; id: string; messageId: string },
  recipient: string,
) {
  const text = readFileSync(`test/fixtures/ses/${name}.json`, 'utf8')
    .replaceAll('TENANT_ID', s.tenantId)
    .replaceAll('DOCUMENT_ID', s.documentId)
    .replaceAll('SEND_ID', s.id)
    .replaceAll('MESSAGE_ID', s.messageId)
    .replaceAll('RECIPIENT', recipient);
  return JSON.parse(text) as EventBridgeEvent<string, unknown>;
}

const emailEvents = async (key: string) => (await feed(key)).filter((e) => e.type.startsWith('email.'));
const sendOf = async (key: string, documentId: string) =>
  expectStatus(await call('GET', `/v1/documents/${documentId}/sends`, { key }), 200).body.items[0];

describe('email events', () => {
  it('announce the send, then each SES report (delivered, bounced, complained) in the order applied', async () => {
    const t = await newTenant('Mailing Events');
    const doc = await uploadDocument(t.ownerKey, 'the offer', { fileName: 'offer.txt' });
    const viewer = await newKey(t, 'viewer');
    const email = unique('events');
    const before = await outboxItems(t.id);
    // Refused: a viewer may not send, and a send without recipients is a 400.
    expectStatus(await call('POST', `/v1/documents/${doc.id}/send`, { key: viewer, body: { to: [{ email }] } }), 403);
    expectStatus(await call('POST', `/v1/documents/${doc.id}/send`, { key: t.ownerKey, body: { to: [] } }), 400);
    expect(await outboxItems(t.id)).toEqual(before);

    const sent = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, { key: t.ownerKey, body: { to: [{ email }] } }),
      201,
    ).body;
    const send = { ...sent, tenantId: t.id };
    expect(await handler(recorded('delivery', send, email))).toBe('applied');
    expect(await handler(recorded('bounce', send, email))).toBe('applied');
    expect(await handler(recorded('complaint', send, email))).toBe('applied');
    // A report of a send that does not exist changes nothing and announces nothing.
    const count = (await outboxItems(t.id)).length;
    expect(await handler(recorded('bounce', { ...send, id: 'snd_01J0000000000000000000000' }, email))).toBe(
      'unknown-send',
    );
    expect((await outboxItems(t.id)).length).toBe(count);

    const got = await emailEvents(t.ownerKey);
    expect(got.map((e) => e.type)).toEqual(['email.sent', 'email.delivered', 'email.bounced', 'email.complained']);
    expect(got[0]).toMatchObject({
      actor: { kind: 'key', userId: t.ownerUserId },
      data: { id: sent.id, documentId: doc.id, status: 'sent', messageId: sent.messageId, to: [{ email }] },
    });
    expect(got[1]).toMatchObject({
      actor: { kind: 'system', name: 'ses' },
      data: { id: sent.id, status: 'delivered', events: [{ email, type: 'delivered' }] },
    });
    expect(got[2].data).toMatchObject({ status: 'bounced', events: [{ type: 'delivered' }, { type: 'bounced' }] });
    expect(got[3].data).toEqual(await sendOf(t.ownerKey, doc.id));
    const versions = (await outboxItems(t.id))
      .filter((i) => String(i.pk).endsWith(`#email#${sent.id}`))
      .map((i) => i.event.subject.version)
      .sort();
    expect(versions).toEqual([1, 2, 3, 4]);
  }, 60_000);

  it('are listed as the document sent is read', async () => {
    const t = await newTenant('Mailing Access');
    const member = await newKey(t, 'member');
    const doc = await uploadDocument(t.ownerKey, 'private', { fileName: 'private.txt' });
    expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key: t.ownerKey,
        body: { visibility: 'restricted', acl: [] },
        headers: { 'if-match': `"${doc.version}"` },
      }),
      200,
    );
    expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, { key: t.ownerKey, body: { to: [{ email: unique('p') }] } }),
      201,
    );
    expect((await emailEvents(t.ownerKey)).map((e) => e.type)).toEqual(['email.sent']);
    expect(await emailEvents(member)).toEqual([]);
  });
});
