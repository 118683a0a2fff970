import { readFileSync } from 'node:fs';
import type { EventBridgeEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { unique } from './mailbox';

// SES events only exist on AWS: these feed the deployed handler recorded EventBridge events
// (test/fixtures/ses/), filled in with a real send, against the shared local table.

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

async function sentTo(contactEmails: string[]) {
  const t = await newTenant('Bouncy GmbH');
  const doc = await uploadDocument(t.ownerKey, 'the offer', { fileName: 'offer.txt' });
  const contact = expectStatus(
    await call('POST', '/v1/contacts', { key: t.ownerKey, body: { firstName: 'Bo', emails: contactEmails } }),
    201,
  ).body;
  const sent = expectStatus(
    await call('POST', `/v1/documents/${doc.id}/send`, { key: t.ownerKey, body: { to: [{ contactId: contact.id }] } }),
    201,
  ).body;
  return { t, doc, contact, send: { ...sent, tenantId: t.id } };
}

const sendsOf = async (key: string, documentId: string) =>
  expectStatus(await call('GET', `/v1/documents/${documentId}/sends`, { key }), 200).body.items;

describe('SES events', () => {
  it('a delivery moves the send to delivered', async () => {
    const email = unique('ok');
    const { t, doc, send } = await sentTo([email]);
    expect(await handler(recorded('delivery', send, email))).toBe('applied');
    const [s] = await sendsOf(t.ownerKey, doc.id);
    expect(s.status).toBe('delivered');
    expect(s.events).toEqual([{ email, type: 'delivered', at: '2026-11-28T09:00:02.100Z' }]);
  });

  it('a hard bounce marks the send bounced and the address on the contact, whatever came first', async () => {
    const email = unique('gone');
    const { t, doc, contact, send } = await sentTo([email, unique('other')]);
    await handler(recorded('bounce', send, email.toUpperCase()));
    // A delivery reported late never takes a bounced send back.
    await handler(recorded('delivery', send, email));
    const [s] = await sendsOf(t.ownerKey, doc.id);
    expect(s.status).toBe('bounced');
    expect(s.events[0]).toMatchObject({
      email: email.toUpperCase(),
      type: 'bounced',
      detail: 'smtp; 550 5.1.1 user unknown',
    });

    const after = expectStatus(await call('GET', `/v1/contacts/${contact.id}`, { key: t.ownerKey }), 200).body;
    expect(after.emailStatus).toEqual({ [email]: 'bounced' });
    expect(after.version).toBe(contact.version + 1);
    const timeline = expectStatus(await call('GET', `/v1/contacts/${contact.id}/timeline`, { key: t.ownerKey }), 200);
    expect(timeline.body.items[0]).toMatchObject({
      type: 'email_bounced',
      actor: { kind: 'system', name: 'ses' },
      changes: [{ field: `emailStatus.${email}`, from: null, to: 'bounced' }],
    });
    // The contact stays editable, and keeps the mark.
    const patched = expectStatus(
      await call('PATCH', `/v1/contacts/${contact.id}`, { key: t.ownerKey, body: { position: 'CFO' } }),
      200,
    ).body;
    expect(patched.emailStatus).toEqual({ [email]: 'bounced' });
  });

  it('a complaint marks the address complained', async () => {
    const email = unique('angry');
    const { t, contact, send } = await sentTo([email]);
    await handler(recorded('complaint', send, email));
    const after = expectStatus(await call('GET', `/v1/contacts/${contact.id}`, { key: t.ownerKey }), 200).body;
    expect(after.emailStatus).toEqual({ [email]: 'complained' });
  });

  it('ignores events it does not track, and events without a send', async () => {
    const email = unique('x');
    const { send } = await sentTo([email]);
    const open = recorded('delivery', send, email);
    (open.detail as { eventType: string }).eventType = 'Open';
    expect(await handler(open)).toBe('ignored');
    expect(await handler(recorded('delivery', { ...send, id: 'snd_01J0000000000000000000000' }, email))).toBe(
      'unknown-send',
    );
  });
});
