import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { applyCustomFields, presentCustomFields } from '#core/records/custom-fields';
import type { FieldDefinition } from '#core/records/field-definition';

const at = '2026-01-01T00:00:00.000Z';
const field = (name: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: `fld_${name}`,
  entity: 'company',
  name,
  label: name,
  type,
  required: false,
  createdAt: at,
  updatedAt: at,
  ...extra,
});
const size = field('size', 'list', {
  options: [
    { id: 'opt_s', label: 'Small' },
    { id: 'opt_l', label: 'Large' },
  ],
});
const tags = field('tags', 'list', {
  multiple: true,
  options: [
    { id: 'opt_a', label: 'A' },
    { id: 'opt_b', label: 'B' },
  ],
});
const fields = [
  field('budget', 'money'),
  field('founded', 'date'),
  field('site', 'url'),
  field('hq_phone', 'phone'),
  field('tin', 'string', { required: true }),
  field('tier', 'number', { default: 1 }),
  size,
  tags,
];

function errorsOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    return (e as DomainError).errors;
  }
  throw new Error('expected a validation error');
}

describe('custom field values', () => {
  it('stores values by field id, with defaults and normalization', () => {
    const stored = applyCustomFields(
      fields,
      { tin: 'X1', hq_phone: '+49 30 1234567', size: 'opt_s', tags: ['opt_a', { id: 'opt_b' }] },
      undefined,
    );
    expect(stored).toEqual({
      fld_tin: 'X1',
      fld_hq_phone: '+49301234567',
      fld_size: 'opt_s',
      fld_tags: ['opt_a', 'opt_b'],
      fld_tier: 1,
    });
  });

  it('reports every missing required field and every bad value at once', () => {
    const errors = errorsOf(() =>
      applyCustomFields(
        fields,
        { budget: 12, founded: '2026-02-30', site: 'ftp://x', size: 'opt_x', nope: 1 },
        undefined,
      ),
    );
    expect(errors.map((e) => e.path).sort()).toEqual([
      'customFields.budget',
      'customFields.founded',
      'customFields.nope',
      'customFields.site',
      'customFields.size',
      'customFields.tin',
    ]);
  });

  it('checks money as amount with two decimals and an ISO currency', () => {
    expect(
      errorsOf(() => applyCustomFields(fields, { tin: 'x', budget: { amount: 1.005, currency: 'EUR' } }, undefined))[0]
        .path,
    ).toBe('customFields.budget.amount');
    expect(
      applyCustomFields(fields, { tin: 'x', budget: { amount: 10.5, currency: 'EUR' } }, undefined).fld_budget,
    ).toEqual({ amount: 10.5, currency: 'EUR' });
  });

  it('lets null clear an optional value but not a required one', () => {
    const current = { fld_tin: 'X1', fld_site: 'https://a.example' };
    expect(applyCustomFields(fields, { site: null }, current)).toEqual({ fld_tin: 'X1' });
    expect(errorsOf(() => applyCustomFields(fields, { tin: null }, current))[0].path).toBe('customFields.tin');
  });

  it('does not demand a newly required field on unrelated edits of older records', () => {
    expect(applyCustomFields(fields, { site: 'https://b.example' }, {})).toEqual({ fld_site: 'https://b.example' });
  });

  it('shows list values with their current labels and hides removed fields', () => {
    const stored = { fld_size: 'opt_l', fld_tags: ['opt_b'], fld_gone: 'x' };
    const renamed = {
      ...size,
      options: [
        { id: 'opt_s', label: 'Small' },
        { id: 'opt_l', label: 'Huge' },
      ],
    };
    expect(presentCustomFields([renamed, tags], stored)).toEqual({
      size: { id: 'opt_l', label: 'Huge' },
      tags: [{ id: 'opt_b', label: 'B' }],
    });
  });
});
