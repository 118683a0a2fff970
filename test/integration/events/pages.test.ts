import { beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer, declineOffer, recordShareView } from '#store/sending/share-pages';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { mailTo, unique } from '../sending/mailbox';
import { feed, outboxItems } from './helpers';

// The client's page (the store functions `/s/{token}` calls, in-process as sending/client-page.test.ts
// drives them): each counted view writes document.viewed, the one answer offer.accepted or
// offer.declined, with the write that records it; a refused answer writes none.

beforeAll(() => useLocalRuntimeFromThisProcess());

const client = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (test)' };
const pageEvents = async (key: string) =>
  (await feed(key)).filter((e) => e.type === 'document.viewed' || e.type.startsWith('offer.'));

async function offerSent(key: string, documentId: string, to: string) {
  const send = expectStatus(
    await call('POST', `/v1/documents/${documentId}/send`, {
      key,
      body: { to: [{ email: to, name: 'Jane Client' }], as: 'link', acceptance: true, templateId: 'offer' },
    }),
    201,
  ).body;
  const [mail] = await mailTo(to);
  return { send, token: /href="[^"]+\/s\/(dsh\.[^"]+)"/.exec(mail.body.html!)![1] };
}

describe("the client's page events", () => {
  it('announce each view and the acceptance; a second, contrary answer announces nothing', async () => {
    const t = await newTenant('Page Events');
    const doc = await uploadDocument(t.ownerKey, 'the offer', { fileName: 'offer.txt' });
    const to = unique('jane');
    const { send, token } = await offerSent(t.ownerKey, doc.id, to);
    expect(await recordShareView(token, { ...client, kind: 'page' })).toMatchObject({ ok: true });
    expect(await recordShareView(token, { ...client, kind: 'page' })).toMatchObject({ ok: true });
    const accepted = await acceptOffer(token, { ...client, name: 'Jane Client' });
    expect(accepted).toMatchObject({ ok: true, replayed: false });
    // Only the page's own events are counted: the acceptance's certificate is made and announced meanwhile.
    const answers = async () =>
      (await outboxItems(t.id)).filter((i) => String((i.event as { type: string }).type).startsWith('offer.')).length;
    const before = await answers();
    expect(await declineOffer(token, { ...client, name: 'Jane Client', reason: 'changed my mind' })).toMatchObject({
      ok: false,
    });
    expect(await answers()).toBe(before);

    const got = await pageEvents(t.ownerKey);
    expect(got.map((e) => e.type)).toEqual(['document.viewed', 'document.viewed', 'offer.accepted']);
    expect(got[0]).toMatchObject({
      actor: { kind: 'system', name: 'share-link', ref: send.linkId },
      data: { documentId: doc.id, documentVersion: 1, linkId: send.linkId, sendId: send.id, kind: 'page', views: 1 },
    });
    expect(got[1].data.views).toBe(2);
    expect(got[2].data).toEqual({
      id: (accepted as { acceptance: { id: string } }).acceptance.id,
      documentId: doc.id,
      linkId: send.linkId,
      sendId: send.id,
      decision: 'accepted',
      name: 'Jane Client',
      email: to,
      at: expect.any(String),
      documentVersion: 1,
      sha256: doc.sha256,
    });
    expect(JSON.stringify(got)).not.toContain('ipHash');
  });

  it('announce a decline with its reason, listed as the document is read', async () => {
    const t = await newTenant('Page Declines');
    const member = await newKey(t, 'member');
    const doc = await uploadDocument(t.ownerKey, 'the offer', { fileName: 'offer.txt' });
    expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key: t.ownerKey,
        body: { visibility: 'restricted', acl: [] },
        headers: { 'if-match': `"${doc.version}"` },
      }),
      200,
    );
    const { token } = await offerSent(t.ownerKey, doc.id, unique('joe'));
    expect(await declineOffer(token, { ...client, name: 'Joe', reason: 'Too dear' })).toMatchObject({ ok: true });
    const got = await pageEvents(t.ownerKey);
    expect(got.map((e) => e.type)).toEqual(['offer.declined']);
    expect(got[0].data).toMatchObject({ decision: 'declined', reason: 'Too dear', name: 'Joe' });
    expect(await pageEvents(member)).toEqual([]);
  });
});
