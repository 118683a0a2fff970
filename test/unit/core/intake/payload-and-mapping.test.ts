import { describe, expect, it } from 'vitest';
import { FORM_DEFAULTS, type Form } from '#core/intake/form';
import { mapSubmission, validateLead } from '#core/intake/lead-input';
import { readPayload } from '#core/intake/payload';

const form = (settings: Partial<Form> = {}): Form => ({
  ...FORM_DEFAULTS,
  id: 'frm_1',
  name: 'Contact',
  provider: 'standard',
  version: 1,
  createdAt: '',
  updatedAt: '',
  secrets: [],
  ...settings,
});

describe('provider payloads', () => {
  it('Typeform: answers by ref, choices by label, hidden fields, event_id', () => {
    const payload = readPayload('typeform', true, {
      event_id: 'evt',
      form_response: {
        hidden: { utm_source: 'x', empty: '' },
        answers: [
          { type: 'email', email: 'a@b.io', field: { ref: 'mail' } },
          { type: 'choices', choices: { labels: ['A', 'B'], other: 'C' }, field: { ref: 'many' } },
          { type: 'choice', choice: { label: 'One' }, field: { ref: 'one' } },
          { type: 'number', number: 3, field: { ref: 'n' } },
          { type: 'boolean', boolean: false, field: { ref: 'b' } },
        ],
      },
    });
    expect(payload).toEqual({
      eventId: 'evt',
      fields: { utm_source: 'x', mail: 'a@b.io', many: ['A', 'B', 'C'], one: 'One', n: 3, b: false },
    });
  });

  it('Tally: fields by key and label, option ids resolved to their text, eventId', () => {
    const payload = readPayload('tally', true, {
      eventId: 'e1',
      data: {
        fields: [
          { key: 'q1', label: 'Email', type: 'INPUT_EMAIL', value: 'a@b.io' },
          {
            key: 'q2',
            label: 'Plan',
            type: 'DROPDOWN',
            value: ['o2'],
            options: [
              { id: 'o1', text: 'Free' },
              { id: 'o2', text: 'Pro' },
            ],
          },
          { key: 'q3', label: 'Empty', type: 'INPUT_TEXT', value: null },
        ],
      },
    });
    expect(payload).toEqual({ eventId: 'e1', fields: { Email: 'a@b.io', q1: 'a@b.io', Plan: ['Pro'], q2: ['Pro'] } });
  });

  it('refuses payloads of the wrong shape with a field path', () => {
    expect(() => readPayload('typeform', true, { event_id: 'x' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => readPayload('standard', true, [1, 2])).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('reads a browser post as plain fields whatever the provider', () => {
    expect(readPayload('typeform', false, { email: 'a@b.io' }).fields).toEqual({ email: 'a@b.io' });
  });
});

describe('mapping a submission to a lead', () => {
  it('maps, takes same-named lead fields, lets fixed values win and fills the title template', () => {
    const mapped = mapSubmission(
      form({
        mapping: { mail: 'email', budget_eur: 'budget' },
        fixedValues: { source: 'web' },
        titleTemplate: '{company}: {name}',
      }),
      {
        mail: 'a@b.io',
        name: 'Ada',
        source: 'spoofed',
        company: 'Acme',
        budget_eur: 5000,
        utm_source: 'news',
        ignored: 'x',
      },
      ['budget'],
    );
    expect(mapped.input).toEqual({
      title: 'Acme: Ada',
      ownerId: null,
      email: 'a@b.io',
      name: 'Ada',
      source: 'web',
      utm: { utm_source: 'news' },
      customFields: { budget: 5000 },
    });
    expect(mapped.sources).toMatchObject({ email: 'mail', budget: 'budget_eur' });
  });

  it('titles a lead "<form>: <name or email>" by default', () => {
    expect(mapSubmission(form(), { email: 'a@b.io' }, []).input.title).toBe('Contact: a@b.io');
    expect(mapSubmission(form(), { name: 'Ada', email: 'a@b.io' }, []).input.title).toBe('Contact: Ada');
  });

  it('reports required and invalid fields by the names the sender used', () => {
    const f = form({ mapping: { mail: 'email' }, requiredFields: ['phone'] });
    const { errors } = validateLead(f, mapSubmission(f, { mail: 'nope' }, []));
    expect(errors.map((e) => e.path).sort()).toEqual(['mail', 'phone']);
  });
});
