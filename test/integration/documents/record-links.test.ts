import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { createDeal, uploadDocument } from './helpers';

// Documents seen from their records: the deal card shows the first ones, and a record that goes
// lets go of its documents, which stay.

describe('documents on records', () => {
  it('the deal card includes the first page of its documents, restricted ones only for those on the list', async () => {
    const t = await newTenant();
    const deal = await createDeal(t.ownerKey);
    const empty = expectStatus(await call('GET', `/v1/deals/${deal.id}?include=card`, { key: t.ownerKey }), 200).body;
    expect(empty.documents).toEqual({ items: [], nextCursor: null });

    const links = [{ entity: 'deal', id: deal.id }];
    const offer = await uploadDocument(t.ownerKey, 'offer', { fileName: 'offer.pdf', links });
    const secret = await uploadDocument(t.ownerKey, 'secret', { fileName: 'margin.xlsx', links });
    expectStatus(
      await call('PATCH', `/v1/documents/${secret.id}`, {
        key: t.ownerKey,
        body: { visibility: 'restricted', acl: [{ role: 'admin', access: 'read' }] },
      }),
      200,
    );
    const card = expectStatus(await call('GET', `/v1/deals/${deal.id}?include=card`, { key: t.ownerKey }), 200).body;
    expect(card.documents.items.map((d: { id: string }) => d.id)).toEqual([secret.id, offer.id]);
    expect(card.documents.items[1]).toMatchObject({ name: 'offer.pdf', size: 5 });
    const member = await newKey(t, 'member');
    const seen = expectStatus(await call('GET', `/v1/deals/${deal.id}?include=card`, { key: member }), 200).body;
    expect(seen.documents.items.map((d: { id: string }) => d.id)).toEqual([offer.id]);
  });

  it('deleting a record unlinks its documents; the documents stay and say so in their timeline', async () => {
    const t = await newTenant();
    const deal = await createDeal(t.ownerKey);
    const contact = expectStatus(
      await call('POST', '/v1/contacts', { key: t.ownerKey, body: { firstName: 'Ada', lastName: 'Lovelace' } }),
      201,
    ).body;
    const both = [
      { entity: 'deal', id: deal.id },
      { entity: 'contact', id: contact.id },
    ];
    const docs = [];
    for (const n of [1, 2, 3]) docs.push(await uploadDocument(t.ownerKey, `doc ${n}`, { links: both }));

    expectStatus(await call('DELETE', `/v1/deals/${deal.id}`, { key: t.ownerKey }), 204);
    for (const doc of docs) {
      const now = expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: t.ownerKey }), 200).body;
      expect(now.links).toEqual([{ entity: 'contact', id: contact.id }]);
      const timeline = expectStatus(
        await call('GET', `/v1/documents/${doc.id}/timeline`, { key: t.ownerKey }),
        200,
      ).body;
      expect(timeline.items.map((e: { type: string }) => e.type)).toEqual(['updated', 'created']);
      expect(timeline.items[0]).toMatchObject({
        actor: { userId: t.ownerUserId },
        changes: expect.arrayContaining([{ field: 'links', from: [{ entity: 'deal', id: deal.id }], to: [] }]),
      });
    }
    const contactTimeline = expectStatus(
      await call('GET', `/v1/contacts/${contact.id}/timeline`, { key: t.ownerKey }),
      200,
    ).body;
    expect(contactTimeline.items.filter((e: { type: string }) => e.type === 'document_added')).toHaveLength(3);
    const listed = expectStatus(await call('GET', `/v1/contacts/${contact.id}/documents`, { key: t.ownerKey }), 200);
    expect(listed.body.items).toHaveLength(3);
    expectStatus(await call('GET', `/v1/deals/${deal.id}/documents`, { key: t.ownerKey }), 404);
    expect(
      expectStatus(await call('GET', `/v1/documents?recordId=${deal.id}`, { key: t.ownerKey }), 400).body.errors[0]
        .path,
    ).toBe('query.recordId');

    // The deleted deal cannot be linked again.
    const late = expectStatus(
      await call('POST', '/v1/uploads', {
        key: t.ownerKey,
        body: {
          fileName: 'late.txt',
          contentType: 'text/plain',
          size: 4,
          sha256: 'iNQmb9TmM40TuEX88olXnSCciXgjuSF9o+Fhk28DFYk=',
          links: [{ entity: 'deal', id: deal.id }],
        },
      }),
      400,
    );
    expect(late.body.errors[0].path).toBe('body.links.0.id');
  });
});
