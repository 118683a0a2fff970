import { describe, expect, it } from 'vitest';
import { timeline } from '../records/helpers';
import { conversionOf, convert, newLead, undo, world } from './helpers';

// The visitor's message (a lead's `comments`) has no field on a contact, company or deal: it goes
// to the timeline of the record the sales team works from, in the conversion's own transaction.

const MESSAGE = 'Please call after 3pm.\nWe need 40 seats by March.';
const notes = async (key: string, entity: 'contact' | 'company' | 'deal', id: string) =>
  (await timeline(key, entity, id)).filter((e) => e.type === 'note');

describe("the lead's comments at conversion", () => {
  it('become a note on the new deal (not on the contact or company) and are no longer reported unmapped', async () => {
    const w = await world({ comments: MESSAGE });
    const c = conversionOf(
      await convert(w.key, w.lead.id, { contact: { create: {} }, company: { create: {} }, deal: { create: {} } }),
    );
    const [note, ...more] = await notes(w.key, 'deal', c.dealId);
    expect(more).toEqual([]);
    expect(note).toMatchObject({
      type: 'note',
      actor: { userId: w.tenant.ownerUserId },
      changes: [{ field: 'text', from: null, to: MESSAGE }],
    });
    expect(note.at).toBe(c.at);
    expect(await notes(w.key, 'contact', c.contactId)).toEqual([]);
    expect(await notes(w.key, 'company', c.companyId)).toEqual([]);
    expect(c.unmapped.map((u: any) => u.field)).not.toContain('comments');
  });

  it('go to the contact without a deal, to the company without either, and to an existing record linked', async () => {
    const toContact = await world({ comments: 'contact me' });
    const c1 = conversionOf(
      await convert(toContact.key, toContact.lead.id, { contact: { create: {} }, company: { create: {} } }),
    );
    expect((await notes(toContact.key, 'contact', c1.contactId)).map((n) => n.changes[0].to)).toEqual(['contact me']);
    expect(await notes(toContact.key, 'company', c1.companyId)).toEqual([]);

    const toCompany = await world({ comments: 'company only' });
    const c2 = conversionOf(await convert(toCompany.key, toCompany.lead.id, { company: { create: {} } }));
    expect((await notes(toCompany.key, 'company', c2.companyId)).map((n) => n.changes[0].to)).toEqual(['company only']);
    // Undo removes the company, its note with it.
    expect((await undo(toCompany.key, toCompany.lead.id, c2.id)).status).toBe(200);

    // Linked to an existing contact (as it is, or filled), the note is written there.
    const linked = await world();
    const first = conversionOf(await convert(linked.key, linked.lead.id, { contact: { create: {} } }));
    const second = await newLead(linked, { comments: 'second message' });
    conversionOf(await convert(linked.key, second.id, { contact: { existingId: first.contactId } }));
    expect((await notes(linked.key, 'contact', first.contactId)).map((n) => n.changes[0].to)).toEqual([
      'second message',
    ]);
  });

  it('write nothing for a lead without comments', async () => {
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, { deal: { create: {} } }));
    expect(await notes(w.key, 'deal', c.dealId)).toEqual([]);
  });
});
