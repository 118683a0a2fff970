import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { createField, expectProblem, expectValidation, getRecord, tenantState } from '../records/helpers';
import { conversionOf, convert, newKey, world } from './helpers';

const fields = async (key: string, entity: string): Promise<any[]> =>
  expectStatus(await call('GET', `/v1/fields/${entity}`, { key }), 200).body.items;
const field = async (key: string, entity: string, name: string) =>
  (await fields(key, entity)).find((f) => f.name === name);
const optionId = (f: any, label: string) => f.options.find((o: any) => o.label === label).id;

describe('custom fields in a lead conversion', () => {
  it('carries same-named fields of compatible types, list options by label, and reports what it cannot carry', async () => {
    const w = await world();
    const leadTier = await createField(w.key, 'lead', {
      name: 'tier',
      label: 'Tier',
      type: 'list',
      options: [{ label: 'Gold' }, { label: 'Bronze' }],
    });
    const dealTier = await createField(w.key, 'deal', {
      name: 'tier',
      label: 'Tier',
      type: 'list',
      options: [{ label: 'gold' }],
    });
    await createField(w.key, 'lead', { name: 'notes', label: 'Notes', type: 'string' });
    await createField(w.key, 'contact', { name: 'notes', label: 'Notes', type: 'text' });
    await createField(w.key, 'lead', { name: 'seats', label: 'Seats', type: 'number' });
    await createField(w.key, 'deal', { name: 'seats', label: 'Seats', type: 'string' });
    await createField(w.key, 'lead', { name: 'orphan', label: 'Orphan', type: 'string' });
    const lead = expectStatus(
      await call('PATCH', `/v1/leads/${w.lead.id}`, {
        key: w.key,
        body: { customFields: { tier: optionId(leadTier, 'Gold'), notes: 'Call at 9', seats: 40, orphan: 'x' } },
      }),
      200,
    ).body;
    expect(lead.customFields.tier.label).toBe('Gold');
    const c = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} }, deal: { create: {} } }));
    const deal = expectStatus(await getRecord(w.key, 'deal', c.dealId), 200).body;
    expect(deal.customFields).toEqual({ tier: { id: optionId(dealTier, 'gold'), label: 'gold' } });
    const contact = expectStatus(await getRecord(w.key, 'contact', c.contactId), 200).body;
    expect(contact.customFields).toEqual({ notes: 'Call at 9' });
    expect(c.unmapped).toEqual(
      expect.arrayContaining([
        { field: 'customFields.seats', reason: expect.stringContaining('number') },
        { field: 'customFields.orphan', reason: expect.stringContaining('no field named orphan') },
      ]),
    );
  });

  it('follows the tenant conversion mapping, options included, and validates it', async () => {
    const w = await world();
    const source = await createField(w.key, 'lead', {
      name: 'source_channel',
      label: 'Channel',
      type: 'list',
      options: [{ label: 'Fair' }, { label: 'Ads' }],
    });
    const channel = await createField(w.key, 'deal', {
      name: 'channel',
      label: 'Channel',
      type: 'list',
      options: [{ label: 'Trade show' }, { label: 'Paid' }],
    });
    await createField(w.key, 'deal', { name: 'count', label: 'Count', type: 'number' });
    const rule = {
      lead: 'source_channel',
      target: 'deal',
      field: 'channel',
      options: { [optionId(source, 'Fair')]: optionId(channel, 'Trade show') },
    };
    const put = await call('PUT', '/v1/conversion-mapping', { key: w.key, body: { fields: [rule] } });
    expect(expectStatus(put, 200).body.fields).toEqual([rule]);
    expect(expectStatus(await call('GET', '/v1/conversion-mapping', { key: w.key }), 200).body.fields).toEqual([rule]);

    expectStatus(
      await call('PATCH', `/v1/leads/${w.lead.id}`, {
        key: w.key,
        body: { customFields: { source_channel: optionId(source, 'Fair') } },
      }),
      200,
    );
    const c = conversionOf(await convert(w.key, w.lead.id, { deal: { create: {} } }));
    const deal = expectStatus(await getRecord(w.key, 'deal', c.dealId), 200).body;
    expect(deal.customFields.channel).toEqual({ id: optionId(channel, 'Trade show'), label: 'Trade show' });

    const bad = await call('PUT', '/v1/conversion-mapping', {
      key: w.key,
      body: {
        fields: [
          { lead: 'nope', target: 'deal', field: 'channel' },
          { lead: 'source_channel', target: 'deal', field: 'missing' },
          { lead: 'source_channel', target: 'contact', field: null },
          { lead: 'source_channel', target: 'company', field: null },
          { lead: 'source_channel', target: 'company', field: null },
        ],
      },
    });
    expectValidation(bad, 'body.fields.0.lead', 'body.fields.1.field', 'body.fields.4');
    const incompatible = await call('PUT', '/v1/conversion-mapping', {
      key: w.key,
      body: { fields: [{ lead: 'source_channel', target: 'deal', field: 'count' }] },
    });
    expectValidation(incompatible, 'body.fields.0.field');
    const member = await newKey(w.tenant, 'member');
    expectProblem(await call('PUT', '/v1/conversion-mapping', { key: member, body: { fields: [] } }), 403);
  });

  it('creates missing fields on the targets (admins only), keeping list fields linked to the lead field', async () => {
    const w = await world();
    const leadSize = await createField(w.key, 'lead', {
      name: 'size',
      label: 'Size',
      type: 'list',
      options: [{ label: 'Small' }, { label: 'Large' }],
    });
    expectStatus(
      await call('PATCH', `/v1/leads/${w.lead.id}`, {
        key: w.key,
        body: { customFields: { size: optionId(leadSize, 'Large') } },
      }),
      200,
    );
    const member = await newKey(w.tenant, 'member');
    const before = await tenantState(w.tenant.id);
    expectProblem(await convert(member, w.lead.id, { deal: { create: {} }, createMissingFields: true }), 403);
    const plan = expectStatus(
      await convert(w.key, w.lead.id, { deal: { create: {} }, createMissingFields: true, dryRun: true }),
      200,
    ).body;
    expect(plan.fieldsToCreate).toEqual([
      { entity: 'deal', name: 'size', label: 'Size', type: 'list', options: leadSize.options, multiple: false },
    ]);
    expect(await tenantState(w.tenant.id)).toEqual(before);

    const c = conversionOf(await convert(w.key, w.lead.id, { deal: { create: {} }, createMissingFields: true }));
    expect(c.fieldsCreated).toEqual([{ entity: 'deal', name: 'size' }]);
    const deal = expectStatus(await getRecord(w.key, 'deal', c.dealId), 200).body;
    expect(deal.customFields.size).toEqual({ id: optionId(leadSize, 'Large'), label: 'Large' });
    expect(await field(w.key, 'deal', 'size')).toMatchObject({ linkedFields: [{ entity: 'lead', name: 'size' }] });

    // Add, rename and remove options on the lead field: the deal field follows.
    const options = [{ id: optionId(leadSize, 'Large'), label: 'Enterprise' }, { label: 'Medium' }];
    expectStatus(await call('PATCH', '/v1/fields/lead/size', { key: w.key, body: { options } }), 200);
    const lead = await field(w.key, 'lead', 'size');
    const dealField = await field(w.key, 'deal', 'size');
    expect(dealField.options).toEqual(lead.options);
    expect(dealField.options.map((o: any) => o.label)).toEqual(['Enterprise', 'Medium']);
    const reread = expectStatus(await getRecord(w.key, 'deal', c.dealId), 200).body;
    expect(reread.customFields.size.label).toBe('Enterprise');
    // And the other way round.
    expectStatus(
      await call('PATCH', '/v1/fields/deal/size', {
        key: w.key,
        body: { options: [...dealField.options, { label: 'Tiny' }] },
      }),
      200,
    );
    expect((await field(w.key, 'lead', 'size')).options.map((o: any) => o.label)).toEqual([
      'Enterprise',
      'Medium',
      'Tiny',
    ]);
  });
});
