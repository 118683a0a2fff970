import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { getRecord, idPattern, leadPipeline, storedMeta, tenantState, timeline } from '../records/helpers';
import { conversionOf, conversions, convert, world } from './helpers';

const ALL_THREE = { contact: { create: {} }, company: { create: {} }, deal: { create: {} } };

describe('lead conversion', () => {
  it('converts a lead into a contact, a company and a deal, linked, in one step', async () => {
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, ALL_THREE));
    expect(c).toMatchObject({ leadId: w.lead.id, outcome: 'converted', linked: [], undo: null });
    expect(c.id).toMatch(idPattern('cnv'));
    expect(c.contactId).toMatch(idPattern('con'));
    expect(c.companyId).toMatch(idPattern('com'));
    expect(c.dealId).toMatch(idPattern('deal'));
    expect(c.created.map((r: any) => r.entity).sort()).toEqual(['company', 'contact', 'deal']);

    const contact = expectStatus(await getRecord(w.key, 'contact', c.contactId), 200).body;
    expect(contact).toMatchObject({
      firstName: 'Jane Q',
      lastName: 'Doe',
      emails: [w.lead.email],
      phones: [w.lead.phone],
      companyId: c.companyId,
      ownerId: w.lead.ownerId,
    });
    const company = expectStatus(await getRecord(w.key, 'company', c.companyId), 200).body;
    expect(company.name).toBe(w.lead.companyName);
    const card = expectStatus(await call('GET', `/v1/deals/${c.dealId}?include=card`, { key: w.key }), 200).body;
    expect(card).toMatchObject({
      title: w.lead.title,
      source: 'web',
      companyId: c.companyId,
      contactIds: [c.contactId],
    });
    expect(card.company).toMatchObject({ id: c.companyId, name: w.lead.companyName });
    expect(card.contacts.map((x: any) => x.id)).toEqual([c.contactId]);

    const lead = expectStatus(await getRecord(w.key, 'lead', w.lead.id), 200).body;
    const converted = (await leadPipeline(w.key)).stages.find((s: any) => s.semantics === 'converted');
    expect(lead.stageId).toBe(converted.id);
    expect(lead.convertedTo).toMatchObject({
      conversionId: c.id,
      outcome: 'converted',
      contactId: c.contactId,
      companyId: c.companyId,
      dealId: c.dealId,
      by: w.tenant.ownerUserId,
    });
    for (const [entity, id] of [
      ['lead', w.lead.id],
      ['contact', c.contactId],
      ['company', c.companyId],
      ['deal', c.dealId],
    ] as const) {
      const types = (await timeline(w.key, entity, id)).map((e) => e.type);
      expect(types, entity).toContain(entity === 'lead' ? 'converted' : 'converted_from_lead');
    }
    expect(await conversions(w.key, w.lead.id)).toEqual([c]);
  });

  it('converts into only a contact, or a company and a deal', async () => {
    const a = await world();
    const onlyContact = conversionOf(await convert(a.key, a.lead.id, { contact: { create: {} } }));
    expect(onlyContact).toMatchObject({ companyId: null, dealId: null });
    expect((await storedMeta(a.tenant.id, 'contact', onlyContact.contactId))?.record.fields.companyId).toBeUndefined();

    const b = await world();
    const two = conversionOf(await convert(b.key, b.lead.id, { company: { create: {} }, deal: { create: {} } }));
    expect(two).toMatchObject({ contactId: null });
    const deal = expectStatus(await getRecord(b.key, 'deal', two.dealId), 200).body;
    expect(deal).toMatchObject({ companyId: two.companyId });
    expect(deal.contactIds).toBeUndefined();
  });

  it('closes a lead as junk with a reason, creating nothing', async () => {
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, { outcome: 'junk', reason: 'Spam' }));
    expect(c).toMatchObject({ outcome: 'junk', reason: 'Spam', created: [], contactId: null });
    const lead = expectStatus(await getRecord(w.key, 'lead', w.lead.id), 200).body;
    const junk = (await leadPipeline(w.key)).stages.find((s: any) => s.semantics === 'junk');
    expect(lead).toMatchObject({ stageId: junk.id, convertedTo: { outcome: 'junk' } });
  });

  it('applies overrides over the mapped values and puts the deal in the chosen pipeline and stage', async () => {
    const w = await world();
    const pipelines = expectStatus(await call('GET', '/v1/pipelines?entity=deal', { key: w.key }), 200).body.items;
    const stage = pipelines[0].stages[2];
    const c = conversionOf(
      await convert(w.key, w.lead.id, {
        contact: { create: { firstName: 'Janet', position: 'CTO', phones: null } },
        deal: { create: { pipelineId: pipelines[0].id, stageId: stage.id, amount: 1200, currency: 'EUR' } },
      }),
    );
    const contact = expectStatus(await getRecord(w.key, 'contact', c.contactId), 200).body;
    expect(contact).toMatchObject({ firstName: 'Janet', lastName: 'Doe', position: 'CTO' });
    expect(contact.phones).toBeUndefined();
    const deal = expectStatus(await getRecord(w.key, 'deal', c.dealId), 200).body;
    expect(deal).toMatchObject({ stageId: stage.id, amount: 1200, currency: 'EUR', contactIds: [c.contactId] });
  });

  it('answers a dry run with the plan and writes nothing', async () => {
    const w = await world();
    const before = await tenantState(w.tenant.id);
    const res = expectStatus(await convert(w.key, w.lead.id, { ...ALL_THREE, dryRun: true }), 200);
    expect(res.body).toMatchObject({
      dryRun: true,
      leadId: w.lead.id,
      targets: {
        contact: { action: 'create', values: { firstName: 'Jane Q', lastName: 'Doe', emails: [w.lead.email] } },
        company: { action: 'create', values: { name: w.lead.companyName } },
        deal: { action: 'create', values: { title: w.lead.title, source: 'web' } },
      },
      missing: [],
      duplicates: [],
    });
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });
});
