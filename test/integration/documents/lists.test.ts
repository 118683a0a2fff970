import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { createDeal, uploadDocument } from './helpers';

// GET /v1/documents: each filter a client can ask for, one at a time, paginated, and what it hides.

const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((d) => d.id);
const list = async (key: string, query: string) =>
  expectStatus(await call('GET', `/v1/documents?${query}`, { key }), 200, `listing documents by ${query}`);

describe('listing documents', () => {
  it('filters by linked record, name prefix, tag, content type, owner and time range', async () => {
    const t = await newTenant();
    const deal = await createDeal(t.ownerKey);
    const offer = await uploadDocument(t.ownerKey, 'offer', {
      fileName: 'Offer 2026.pdf',
      contentType: 'application/pdf',
      links: [{ entity: 'deal', id: deal.id }],
    });
    const memberKey = await newKey(t, 'member');
    const notes = await uploadDocument(memberKey, 'notes', {
      fileName: 'office notes.txt',
      contentType: 'Text/Plain; charset=utf-8',
    });
    const photo = await uploadDocument(t.ownerKey, 'jpeg', { fileName: 'site.jpg', contentType: 'image/jpeg' });
    expectStatus(
      await call('PATCH', `/v1/documents/${offer.id}`, { key: t.ownerKey, body: { tags: ['Signed', 'q4'] } }),
      200,
    );
    expectStatus(
      await call('PATCH', `/v1/documents/${photo.id}`, { key: t.ownerKey, body: { tags: ['signed'] } }),
      200,
    );

    expect(ids(await list(t.ownerKey, ''))).toEqual([photo.id, notes.id, offer.id]);
    expect(ids(await list(t.ownerKey, 'order=asc'))).toEqual([offer.id, notes.id, photo.id]);
    expect(ids(await list(t.ownerKey, `recordId=${deal.id}`))).toEqual([offer.id]);
    expect(ids(await list(t.ownerKey, 'namePrefix=OF'))).toEqual([offer.id, notes.id]);
    expect(ids(await list(t.ownerKey, 'namePrefix=of&order=desc'))).toEqual([notes.id, offer.id]);
    expect(ids(await list(t.ownerKey, 'tag=SIGNED'))).toEqual([photo.id, offer.id]);
    expect(ids(await list(t.ownerKey, 'tag=q4'))).toEqual([offer.id]);
    expect(ids(await list(t.ownerKey, 'contentType=text/plain'))).toEqual([notes.id]);
    expect(ids(await list(t.ownerKey, `ownerId=${t.ownerUserId}`))).toEqual([photo.id, offer.id]);
    expect(ids(await list(t.ownerKey, `createdFrom=${encodeURIComponent(notes.createdAt)}`))).toEqual([
      photo.id,
      notes.id,
    ]);
    expect(ids(await list(t.ownerKey, 'createdTo=2000-01-01'))).toEqual([]);

    const tooMany = Array.from({ length: 21 }, (_, i) => `t${i}`);
    const refused = expectStatus(
      await call('PATCH', `/v1/documents/${photo.id}`, { key: t.ownerKey, body: { tags: tooMany } }),
      400,
    );
    expect(refused.body.errors[0].path).toBe('body.tags');

    // A dropped tag leaves its list; a rename moves the document in the name list.
    expectStatus(
      await call('PATCH', `/v1/documents/${offer.id}`, {
        key: t.ownerKey,
        body: { tags: ['q4'], name: 'Contract.pdf' },
      }),
      200,
    );
    expect(ids(await list(t.ownerKey, 'tag=signed'))).toEqual([photo.id]);
    expect(ids(await list(t.ownerKey, 'namePrefix=of'))).toEqual([notes.id]);
    expect(ids(await list(t.ownerKey, 'namePrefix=contract'))).toEqual([offer.id]);
    // A deleted document leaves every list.
    expectStatus(await call('DELETE', `/v1/documents/${offer.id}`, { key: t.ownerKey }), 204);
    expect(ids(await list(t.ownerKey, 'tag=q4'))).toEqual([]);
    expect(ids(await list(t.ownerKey, 'namePrefix=c'))).toEqual([]);
  });

  it('pages with a cursor and hides restricted documents from those not on their list', async () => {
    const t = await newTenant();
    const docs = [];
    for (const n of [1, 2, 3]) docs.push(await uploadDocument(t.ownerKey, `doc ${n}`, { fileName: `report-${n}.txt` }));
    const first = await list(t.ownerKey, 'namePrefix=report&limit=2');
    expect(ids(first)).toEqual([docs[0].id, docs[1].id]);
    const second = await list(
      t.ownerKey,
      `namePrefix=report&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(ids(second)).toEqual([docs[2].id]);
    expect(second.body.nextCursor).toBeNull();

    expectStatus(
      await call('PATCH', `/v1/documents/${docs[1].id}`, {
        key: t.ownerKey,
        body: { visibility: 'restricted', acl: [{ role: 'admin', access: 'read' }] },
      }),
      200,
    );
    const member = await newKey(t, 'member');
    expect(ids(await list(member, 'namePrefix=report'))).toEqual([docs[0].id, docs[2].id]);
    expect(ids(await list(member, ''))).toEqual([docs[2].id, docs[0].id]);
    expect(ids(await list(t.ownerKey, ''))).toEqual([docs[2].id, docs[1].id, docs[0].id]);
  });

  it('refuses filters it cannot serve with one Query, naming them', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirDeal = await createDeal(other.ownerKey);
    const cases: Array<[string, string]> = [
      ['tag=a&ownerId=usr_01JD0000000000000000000001', 'ownerId'],
      ['namePrefix=a&createdFrom=2026-01-01', 'createdFrom'],
      ['recordId=deal_01JD0000000000000000000001&sort=updated', 'sort'],
      ['createdFrom=2026-02-01&createdTo=2026-01-01', 'createdFrom'],
      ['createdFrom=2026-01-01&updatedTo=2026-02-01', 'updatedFrom'],
      ['recordId=doc_01JD0000000000000000000001', 'recordId'],
      ['contentType=pdf', 'contentType'],
      [`recordId=${theirDeal.id}`, 'recordId'],
    ];
    for (const [query, path] of cases) {
      const res = expectStatus(await call('GET', `/v1/documents?${query}`, { key: t.ownerKey }), 400, query);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(`query.${path}`);
    }
  });
});
