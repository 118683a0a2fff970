import { describe, expect, it } from 'vitest';
import { mapLead } from '#core/conversion/map-lead';
import { compatible, mapOption, type ConversionMapping } from '#core/conversion/mapping';
import type { FieldDefinition } from '#core/records/field-definition';
import type { CrmRecord } from '#core/records/record';

const at = '2026-01-01T00:00:00.000Z';
const field = (f: Partial<FieldDefinition> & Pick<FieldDefinition, 'entity' | 'name' | 'type'>): FieldDefinition => ({
  id: `fld_${f.entity}_${f.name}`,
  label: f.name,
  required: false,
  createdAt: at,
  updatedAt: at,
  ...f,
});
const lead = (fields: Record<string, unknown>, custom: Record<string, unknown> = {}): CrmRecord => ({
  id: 'lead_1',
  entity: 'lead',
  version: 1,
  ownerId: null,
  fields,
  custom,
  createdAt: at,
  updatedAt: at,
  createdBy: 'u',
  updatedBy: 'u',
});

describe('mapping a lead onto its targets', () => {
  it('splits the name, carries email and phone to the contact, the company name, and title, source and utm to the deal', () => {
    const mapped = mapLead(
      lead({
        title: 'T',
        name: 'Ada King Lovelace',
        companyName: 'Analytical',
        email: 'a@x.io',
        phone: '+4420',
        source: 'web',
        utm: { utm_source: 'g' },
      }),
      ['company', 'contact', 'deal'],
      [],
      undefined,
      false,
    );
    expect(mapped.values).toEqual({
      company: { name: 'Analytical' },
      contact: { firstName: 'Ada King', lastName: 'Lovelace', emails: ['a@x.io'], phones: ['+4420'] },
      deal: { title: 'T', source: 'web', utm: { utm_source: 'g' } },
    });
    expect(mapLead(lead({ title: 'T', name: 'Cher' }), ['contact'], [], undefined, false).values.contact).toEqual({
      firstName: 'Cher',
    });
  });

  it('reports custom values no target takes and list options without a counterpart; comments go to a note, not here', () => {
    const fields = [
      field({
        entity: 'lead',
        name: 'size',
        type: 'list',
        options: [
          { id: 'opt_a', label: 'Big' },
          { id: 'opt_b', label: 'Odd' },
        ],
        multiple: true,
      }),
      field({ entity: 'deal', name: 'size', type: 'list', options: [{ id: 'opt_x', label: 'big' }], multiple: true }),
      field({ entity: 'lead', name: 'lonely', type: 'string' }),
    ];
    const mapped = mapLead(
      lead({ title: 'T', comments: 'hi' }, { fld_lead_size: ['opt_a', 'opt_b'], fld_lead_lonely: 'x' }),
      ['deal'],
      fields,
      undefined,
      false,
    );
    expect(mapped.values.deal?.customFields).toEqual({ size: ['opt_x'] });
    expect(mapped.unmapped).toEqual([
      { field: 'customFields.size', target: 'deal', reason: 'options opt_b have no counterpart in size' },
      { field: 'customFields.lonely', reason: 'the deal has no field named lonely' },
    ]);
  });

  it('follows a tenant rule over a same-named field, and a null rule keeps the value out', () => {
    const fields = [
      field({ entity: 'lead', name: 'budget', type: 'number' }),
      field({ entity: 'deal', name: 'budget', type: 'number' }),
      field({ entity: 'deal', name: 'amount_hint', type: 'number' }),
      field({ entity: 'company', name: 'budget', type: 'number' }),
    ];
    const mapping: ConversionMapping = {
      updatedAt: at,
      fields: [
        { lead: 'budget', target: 'deal', field: 'amount_hint' },
        { lead: 'budget', target: 'company', field: null },
      ],
    };
    const mapped = mapLead(lead({ title: 'T' }, { fld_lead_budget: 5 }), ['company', 'deal'], fields, mapping, false);
    expect(mapped.values.deal?.customFields).toEqual({ amount_hint: 5 });
    expect(mapped.values.company?.customFields).toBeUndefined();
  });

  it('plans a copy of a field the target lacks when asked to create missing fields, but never over a built-in name', () => {
    const fields = [
      field({ entity: 'lead', name: 'tier', type: 'list', options: [{ id: 'opt_g', label: 'Gold' }] }),
      field({ entity: 'lead', name: 'position', type: 'string' }),
    ];
    const mapped = mapLead(
      lead({ title: 'T' }, { fld_lead_tier: 'opt_g', fld_lead_position: 'CTO' }),
      ['contact'],
      fields,
      undefined,
      true,
    );
    expect(mapped.fieldsToCreate).toEqual([
      {
        entity: 'contact',
        name: 'tier',
        label: 'tier',
        type: 'list',
        options: [{ id: 'opt_g', label: 'Gold' }],
        multiple: false,
        from: 'tier',
      },
    ]);
    expect(mapped.values.contact?.customFields).toEqual({ tier: 'opt_g' });
    expect(mapped.unmapped.map((u) => u.field)).toEqual(['customFields.position']);
  });

  it('moves values only between compatible types, and single options into multiple lists, not back', () => {
    const s = field({ entity: 'lead', name: 'a', type: 'string' });
    expect(compatible(s, field({ entity: 'deal', name: 'a', type: 'text' }))).toBe(true);
    expect(compatible(s, field({ entity: 'deal', name: 'a', type: 'number' }))).toBe(false);
    const one = field({ entity: 'lead', name: 'l', type: 'list', multiple: false });
    const many = field({ entity: 'deal', name: 'l', type: 'list', multiple: true });
    expect(compatible(one, many)).toBe(true);
    expect(compatible(many, one)).toBe(false);
    const from = field({ entity: 'lead', name: 'l', type: 'list', options: [{ id: 'opt_1', label: ' Gold ' }] });
    const to = field({ entity: 'deal', name: 'l', type: 'list', options: [{ id: 'opt_2', label: 'gold' }] });
    expect(mapOption('opt_1', from, to, undefined)).toBe('opt_2');
    expect(mapOption('opt_1', from, to, { lead: 'l', target: 'deal', field: 'l', options: { opt_1: 'opt_9' } })).toBe(
      'opt_2',
    );
  });
});
