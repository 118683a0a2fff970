import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { expectProblem } from '../records/helpers';
import { uploadDocument } from '../documents/helpers';
import { conversionOf, convert, undo, world } from './helpers';

const documentsOf = async (key: string, path: string): Promise<string[]> =>
  expectStatus(await call('GET', `${path}/documents?limit=100`, { key }), 200).body.items.map((d: any) => d.id);

describe('lead documents in a conversion', () => {
  it('links the lead’s documents to every record it became, and undo takes those links off again', async () => {
    const w = await world();
    const a = await uploadDocument(w.key, 'the brief', { links: [{ entity: 'lead', id: w.lead.id }] });
    const b = await uploadDocument(w.key, 'the quote', { links: [{ entity: 'lead', id: w.lead.id }] });
    const c = conversionOf(
      await convert(w.key, w.lead.id, { contact: { create: {} }, company: { create: {} }, deal: { create: {} } }),
    );
    expect(c.documents.sort()).toEqual([a.id, b.id].sort());
    for (const path of [`/v1/contacts/${c.contactId}`, `/v1/companies/${c.companyId}`, `/v1/deals/${c.dealId}`])
      expect((await documentsOf(w.key, path)).sort()).toEqual([a.id, b.id].sort());
    const doc = expectStatus(await call('GET', `/v1/documents/${a.id}`, { key: w.key }), 200).body;
    expect(doc.links).toHaveLength(4);

    expectStatus(await undo(w.key, w.lead.id, c.id), 200);
    const after = expectStatus(await call('GET', `/v1/documents/${a.id}`, { key: w.key }), 200).body;
    expect(after.links).toEqual([{ entity: 'lead', id: w.lead.id }]);
    expect(await documentsOf(w.key, `/v1/leads/${w.lead.id}`)).toHaveLength(2);
  });

  it('refuses to undo once a created record gained a document of its own', async () => {
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, { deal: { create: {} } }));
    await uploadDocument(w.key, 'signed contract', { links: [{ entity: 'deal', id: c.dealId }] });
    expectProblem(await undo(w.key, w.lead.id, c.id), 409);
  });
});
