import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey } from '../api-client';
import { create, expectProblem, getRecord, storedMeta, tenantState, timeline } from '../records/helpers';
import { conversionOf, convert, world } from './helpers';

describe('lead conversion duplicates and existing records', () => {
  it('refuses with 409 listing candidates by email, phone, tax id and exact name (onDuplicate fail)', async () => {
    const w = await world();
    const byEmail = await create(w.key, 'contact', { firstName: 'J', emails: [w.lead.email] });
    const byPhone = await create(w.key, 'contact', { firstName: 'Q', phones: [w.lead.phone] });
    const byName = await create(w.key, 'company', { name: w.lead.companyName.toUpperCase() });
    const byTaxId = await create(w.key, 'company', { name: 'Other name', taxId: 'GB999' });
    await create(w.key, 'company', { name: `${w.lead.companyName} Holdings` });
    const before = await tenantState(w.tenant.id);
    const res = await convert(w.key, w.lead.id, {
      contact: { create: {} },
      company: { create: { taxId: 'gb 999' } },
    });
    expectProblem(res, 409, 'CONFLICT');
    expect(res.body.candidates).toEqual([
      { target: 'company', id: byTaxId.id, matchedOn: 'taxId', value: 'GB999', name: 'Other name' },
      { target: 'company', id: byName.id, matchedOn: 'name', value: w.lead.companyName, name: byName.name },
      { target: 'contact', id: byEmail.id, matchedOn: 'email', value: w.lead.email, name: 'J' },
      { target: 'contact', id: byPhone.id, matchedOn: 'phone', value: w.lead.phone, name: 'Q' },
    ]);
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });

  it('links the best match with onDuplicate link, filling only its empty fields', async () => {
    const w = await world();
    const existing = await create(w.key, 'contact', { firstName: 'Janet', emails: [w.lead.email] });
    const c = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} }, onDuplicate: 'link' }));
    expect(c).toMatchObject({ contactId: existing.id, created: [], linked: [{ entity: 'contact', id: existing.id }] });
    const contact = expectStatus(await getRecord(w.key, 'contact', existing.id), 200).body;
    expect(contact).toMatchObject({
      firstName: 'Janet',
      lastName: 'Doe',
      emails: [w.lead.email],
      phones: [w.lead.phone],
    });
    expect(contact.version).toBe(2);
    expect(c.filled).toEqual([
      { entity: 'contact', id: existing.id, fields: expect.arrayContaining(['lastName', 'phones']) },
    ]);
  });

  it('answers 403 when a member would fill a duplicate someone else owns, writing nothing', async () => {
    const w = await world();
    const member = await newKey(w.tenant, 'member');
    const lead = await create(member, 'lead', { title: 'Mine', name: 'Jane Doe', email: w.lead.email });
    await create(w.key, 'contact', { firstName: 'Jane', emails: [w.lead.email] });
    const before = await tenantState(w.tenant.id);
    expectProblem(await convert(member, lead.id, { contact: { create: {} }, onDuplicate: 'link' }), 403);
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });

  it('creates anyway with onDuplicate create', async () => {
    const w = await world();
    const existing = await create(w.key, 'contact', { firstName: 'J', emails: [w.lead.email] });
    const c = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} }, onDuplicate: 'create' }));
    expect(c.contactId).not.toBe(existing.id);
  });

  it('lists candidates in a dry run whatever the policy, and writes nothing', async () => {
    const w = await world();
    const existing = await create(w.key, 'contact', { firstName: 'J', emails: [w.lead.email] });
    const before = await tenantState(w.tenant.id);
    const plan = expectStatus(await convert(w.key, w.lead.id, { contact: { create: {} }, dryRun: true }), 200).body;
    expect(plan.duplicates).toMatchObject([{ target: 'contact', id: existing.id, matchedOn: 'email' }]);
    const linked = expectStatus(
      await convert(w.key, w.lead.id, { contact: { create: {} }, dryRun: true, onDuplicate: 'link' }),
      200,
    ).body;
    expect(linked.targets.contact).toMatchObject({
      action: 'link',
      existingId: existing.id,
      linkedBecause: 'duplicate',
    });
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });

  it('links an existing company by id: fill-empty keeps its values, overwrite replaces them; contact and deal link to it', async () => {
    const w = await world();
    const company = await create(w.key, 'company', { name: 'Kept Name Ltd' });
    const c = conversionOf(
      await convert(w.key, w.lead.id, {
        company: { existingId: company.id },
        contact: { create: {} },
        deal: { create: {} },
      }),
    );
    expect(c).toMatchObject({ companyId: company.id, linked: [{ entity: 'company', id: company.id }], filled: [] });
    expect((await storedMeta(w.tenant.id, 'company', company.id))?.record).toMatchObject({
      version: 1,
      fields: { name: 'Kept Name Ltd' },
    });
    const deal = expectStatus(await call('GET', `/v1/deals/${c.dealId}?include=card`, { key: w.key }), 200).body;
    expect(deal.company).toMatchObject({ id: company.id, name: 'Kept Name Ltd' });
    // Linked without a change, it still hears of the conversion on its timeline.
    expect((await timeline(w.key, 'company', company.id)).map((e) => e.type)).toContain('converted_from_lead');

    const o = await world();
    const other = await create(o.key, 'company', { name: 'Old Name' });
    const res = conversionOf(
      await convert(o.key, o.lead.id, { company: { existingId: other.id }, fieldPolicy: 'overwrite' }),
    );
    expect(res.filled).toEqual([{ entity: 'company', id: other.id, fields: ['name'] }]);
    expect(expectStatus(await getRecord(o.key, 'company', other.id), 200).body.name).toBe(o.lead.companyName);
  });
});
