import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from '../api-client';
import {
  create,
  createField,
  type Entity,
  errorPaths,
  expectProblem,
  expectValidation,
  getRecord,
  listAll,
  patchRecord,
  storedMeta,
  tenantState,
  timeline,
} from './helpers';
import { expectStatus } from '#test/support/http-client';

const fieldNames = (items: Array<{ name: string }>) => items.map((f) => f.name).sort();

/** A list field labelled as its name capitalised, with options of these labels. */
const listField = (key: string, entity: Entity, name: string, optionLabels: string[], multiple = false) =>
  createField(key, entity, {
    name,
    label: name[0].toUpperCase() + name.slice(1),
    type: 'list',
    ...(multiple && { multiple: true }),
    options: optionLabels.map((label) => ({ label })),
  });

async function fields(key: string, entity: string): Promise<any[]> {
  const res = await call('GET', `/v1/fields/${entity}`, { key });
  expectStatus(res, 200);
  // Custom fields only: built-in ones are listed first (test/integration/conversion/required-built-ins.test.ts).
  return (Array.isArray(res.body) ? res.body : res.body.items).filter((f: { builtIn?: boolean }) => !f.builtIn);
}

describe('custom fields: definitions', () => {
  it('creates, lists, updates and deletes a field definition per entity', async () => {
    const t = await newTenant();
    const res = await call('POST', '/v1/fields/deal', {
      key: t.ownerKey,
      body: { name: 'budget', label: 'Budget', type: 'money' },
    });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({ name: 'budget', label: 'Budget', type: 'money' });
    expect(fieldNames(await fields(t.ownerKey, 'deal'))).toEqual(['budget']);
    expect(await fields(t.ownerKey, 'lead')).toEqual([]);

    const patched = await call('PATCH', '/v1/fields/deal/budget', { key: t.ownerKey, body: { label: 'Budget (net)' } });
    expectStatus(patched, 200);
    expect(patched.body).toMatchObject({ name: 'budget', label: 'Budget (net)', type: 'money' });
    expect((await fields(t.ownerKey, 'deal'))[0].label).toBe('Budget (net)');

    expectStatus(await call('DELETE', '/v1/fields/deal/budget', { key: t.ownerKey }), 204);
    expect(await fields(t.ownerKey, 'deal')).toEqual([]);
    expectProblem(await call('PATCH', '/v1/fields/deal/budget', { key: t.ownerKey, body: { label: 'x' } }), 404);
  });

  it('refuses bad field definitions and stores none of them', async () => {
    const t = await newTenant();
    const before = await tenantState(t.id);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ name: 'Budget', label: 'B', type: 'number' }, 'body.name'],
      [{ name: '1st', label: 'B', type: 'number' }, 'body.name'],
      [{ name: `a${'b'.repeat(64)}`, label: 'B', type: 'number' }, 'body.name'],
      [{ name: 'budget', label: 'B', type: 'currency' }, 'body.type'],
      [{ name: 'budget', label: 'B', type: 'number', colour: 'red' }, 'body.colour'],
      [{ name: 'budget', type: 'number' }, 'body.label'],
    ];
    for (const [body, path] of bad)
      expectValidation(await call('POST', '/v1/fields/deal', { key: t.ownerKey, body }), path);
    expect(await fields(t.ownerKey, 'deal')).toEqual([]);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it('assigns stable opt_ ids to list options', async () => {
    const t = await newTenant();
    const f = await listField(t.ownerKey, 'lead', 'temperature', ['Hot', 'Cold']);
    expect(f.options).toHaveLength(2);
    for (const o of f.options) expect(o.id).toMatch(/^opt_/);
    expect(f.options.map((o: { label: string }) => o.label)).toEqual(['Hot', 'Cold']);
    const again = (await fields(t.ownerKey, 'lead')).find((x) => x.name === 'temperature');
    expect(again.options).toEqual(f.options);
    const patched = await call('PATCH', '/v1/fields/lead/temperature', {
      key: t.ownerKey,
      body: { options: [...f.options, { label: 'Warm' }] },
    });
    expectStatus(patched, 200);
    expect(patched.body.options.slice(0, 2)).toEqual(f.options);
    expect(patched.body.options[2]).toMatchObject({ label: 'Warm', id: expect.stringMatching(/^opt_/) });
  });

  it('lets viewers read field definitions but only admins and owners manage them', async () => {
    const t = await newTenant();
    const member = await newKey(t, 'member');
    const viewer = await newKey(t, 'viewer');
    const admin = await newKey(t, 'admin');
    expectProblem(
      await call('POST', '/v1/fields/company', { key: member, body: { name: 'tier', label: 'Tier', type: 'string' } }),
      403,
    );
    expectProblem(
      await call('POST', '/v1/fields/company', { key: viewer, body: { name: 'tier', label: 'Tier', type: 'string' } }),
      403,
    );
    expect(await fields(viewer, 'company')).toEqual([]);
    expectStatus(
      await call('POST', '/v1/fields/company', { key: admin, body: { name: 'tier', label: 'Tier', type: 'string' } }),
      201,
    );
    expectProblem(await call('PATCH', '/v1/fields/company/tier', { key: member, body: { label: 'Hacked' } }), 403);
    expectProblem(await call('DELETE', '/v1/fields/company/tier', { key: member }), 403);
    const seen = await fields(viewer, 'company');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ name: 'tier', label: 'Tier' });
  });
});

describe('custom fields: values on records', () => {
  it('stores and returns a valid value of every type', async () => {
    const t = await newTenant();
    const list = await listField(t.ownerKey, 'company', 'segment', ['SMB', 'Enterprise']);
    const multi = await listField(t.ownerKey, 'company', 'tags', ['Partner', 'Reseller', 'VIP'], true);
    for (const [name, type] of [
      ['nickname', 'string'],
      ['notes', 'text'],
      ['employees', 'number'],
      ['revenue', 'money'],
      ['founded', 'date'],
      ['last_audit', 'datetime'],
      ['active', 'boolean'],
      ['portal', 'url'],
      ['billing_email', 'email'],
      ['hotline', 'phone'],
    ]) {
      await createField(t.ownerKey, 'company', { name, label: name, type });
    }
    const values = {
      nickname: 'Acme',
      notes: 'Long\ntext',
      employees: 250,
      revenue: { amount: 1250000.5, currency: 'EUR' },
      founded: '1999-04-01',
      last_audit: '2024-05-01T10:00:00Z',
      active: true,
      portal: 'https://portal.acme.example',
      billing_email: 'billing@acme.example',
      hotline: '+442079460958',
      segment: list.options[1].id,
      tags: [multi.options[0].id, multi.options[2].id],
    };
    const company = await create(t, 'company', { name: 'Acme', customFields: values });
    const { last_audit: audit, ...rest } = values;
    const expected = { ...rest, segment: list.options[1], tags: [multi.options[0], multi.options[2]] };
    expect(company.customFields).toMatchObject(expected);
    const got = (await getRecord(t, 'company', company.id)).body.customFields;
    expect(got).toMatchObject(expected);
    expect(Date.parse(got.last_audit)).toBe(Date.parse(audit));
  });

  const badValues: Array<[string, Record<string, unknown>, unknown]> = [
    ['a string for a number', { type: 'number' }, 'many'],
    ['a money amount that is a string', { type: 'money' }, { amount: '10', currency: 'EUR' }],
    ['a money currency that is not ISO 4217', { type: 'money' }, { amount: 10, currency: 'euro' }],
    ['a money amount with three decimals', { type: 'money' }, { amount: 10.001, currency: 'EUR' }],
    ['a date in the wrong format', { type: 'date' }, '01/04/1999'],
    ['a datetime without a zone', { type: 'datetime' }, '2024-05-01T10:00:00'],
    ['a string for a boolean', { type: 'boolean' }, 'yes'],
    ['a URL that is not one', { type: 'url' }, 'not a url'],
    ['a malformed email', { type: 'email' }, 'billing-at-acme'],
    ['a phone that is not E.164', { type: 'phone' }, '020 7946 0958'],
    ['a number for a string', { type: 'string' }, 42],
  ];

  it('refuses a value of the wrong type or format with 400 at its field path on create and update, writing nothing', async () => {
    const t = await newTenant();
    for (const [i, [, def]] of badValues.entries())
      await createField(t.ownerKey, 'deal', { name: `extra_${i}`, label: `Extra ${i}`, ...def });
    const existing = await create(t, 'deal', { title: 'Existing' });
    const before = await tenantState(t.id);
    for (const [i, [what, , value]] of badValues.entries()) {
      const name = `extra_${i}`;
      for (const res of [
        await call('POST', '/v1/deals', { key: t.ownerKey, body: { title: 'New', customFields: { [name]: value } } }),
        await patchRecord(t, 'deal', existing.id, { customFields: { [name]: value } }),
      ]) {
        expectStatus(res, 400, what);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        const paths = errorPaths(res);
        expect(
          paths.some((p) => p === `body.customFields.${name}` || p.startsWith(`body.customFields.${name}.`)),
          `${what}: ${paths}`,
        ).toBe(true);
      }
    }
    expect(await tenantState(t.id)).toEqual(before);
    expect((await getRecord(t, 'deal', existing.id)).body).toMatchObject({ version: 1, customFields: {} });
    expect((await listAll(t, '/v1/deals')).map((d) => d.id)).toEqual([existing.id]);
  });

  it('refuses an unknown custom field name on create and update', async () => {
    const t = await newTenant();
    await createField(t.ownerKey, 'contact', { name: 'known', label: 'Known', type: 'string' });
    const contact = await create(t, 'contact', { firstName: 'A', customFields: { known: 'yes' } });
    const before = await tenantState(t.id);
    expectValidation(
      await call('POST', '/v1/contacts', {
        key: t.ownerKey,
        body: { firstName: 'B', customFields: { unknown_one: 'x' } },
      }),
      'body.customFields.unknown_one',
    );
    expectValidation(
      await patchRecord(t, 'contact', contact.id, { customFields: { known: 'no', unknown_one: 'x' } }),
      'body.customFields.unknown_one',
    );
    expect(await tenantState(t.id)).toEqual(before);
    expect((await getRecord(t, 'contact', contact.id)).body.customFields).toEqual({ known: 'yes' });
  });

  it('refuses a list value that is neither an option id nor an option label', async () => {
    const t = await newTenant();
    const single = await listField(t.ownerKey, 'lead', 'temperature', ['Hot', 'Cold']);
    const multi = await listField(t.ownerKey, 'lead', 'interests', ['A', 'B'], true);
    const other = await listField(t.ownerKey, 'deal', 'kind', ['New']);
    const before = await tenantState(t.id);
    // 'Hot ' is no label: case is forgiven, nothing else is.
    for (const value of [
      'Warm',
      'Hot ',
      'New',
      'opt_01JAAAAAAAAAAAAAAAAAAAAAAA',
      other.options[0].id,
      [single.options[0].id],
    ]) {
      expectValidation(
        await call('POST', '/v1/leads', {
          key: t.ownerKey,
          body: { title: 'x', customFields: { temperature: value } },
        }),
        'body.customFields.temperature',
      );
    }
    const res = await call('POST', '/v1/leads', {
      key: t.ownerKey,
      body: { title: 'x', customFields: { interests: [multi.options[0].id, 'opt_01JAAAAAAAAAAAAAAAAAAAAAAA'] } },
    });
    expectValidation(res);
    expect(errorPaths(res).some((p) => p.startsWith('body.customFields.interests'))).toBe(true);
    expect(await tenantState(t.id)).toEqual(before);
    expect(await listAll(t, '/v1/leads')).toEqual([]);
  });

  it('takes an option label, in any case, on create and update, and stores the option id', async () => {
    const t = await newTenant();
    const single = await listField(t.ownerKey, 'lead', 'temperature', ['Hot', 'Cold']);
    const multi = await listField(t.ownerKey, 'lead', 'interests', ['Boats', 'Trains', 'Planes'], true);
    const [hot, cold] = single.options;
    const lead = await create(t, 'lead', {
      title: 'by label',
      customFields: { temperature: 'hOT', interests: ['trains', multi.options[0].id, 'TRAINS'] },
    });
    expect(lead.customFields.temperature).toEqual(hot);
    expect(lead.customFields.interests).toEqual(expect.arrayContaining([multi.options[0], multi.options[1]]));
    expect(lead.customFields.interests).toHaveLength(2);
    const patched = await patchRecord(t, 'lead', lead.id, { customFields: { temperature: 'Cold' } });
    expectStatus(patched, 200);
    expect(patched.body.customFields.temperature).toEqual(cold);
    const stored = await storedMeta(t.id, 'lead', lead.id);
    expect(JSON.stringify(stored)).toContain(cold.id);
    expect(JSON.stringify(stored)).not.toContain('"Cold"');
  });

  it('refuses a label that matches options differing only in case, listing both with their ids', async () => {
    const t = await newTenant();
    const f = await listField(t.ownerKey, 'deal', 'plan', ['Pro', 'PRO', 'Basic']);
    const [pro, upper] = f.options;
    const before = await tenantState(t.id);
    for (const value of ['pro', 'Pro']) {
      const res = await call('POST', '/v1/deals', {
        key: t.ownerKey,
        body: { title: 'x', customFields: { plan: value } },
      });
      expectValidation(res, 'body.customFields.plan');
      const message = res.body.errors.find((e: any) => e.path === 'body.customFields.plan').message;
      expect(message).toContain(`Pro (${pro.id})`);
      expect(message).toContain(`PRO (${upper.id})`);
      expect(message).not.toContain('Basic');
    }
    expect(await tenantState(t.id)).toEqual(before);
    expect((await create(t, 'deal', { title: 'by id', customFields: { plan: upper.id } })).customFields.plan).toEqual(
      upper,
    );
    expect((await create(t, 'deal', { title: 'basic', customFields: { plan: 'basic' } })).customFields.plan.label).toBe(
      'Basic',
    );
  });

  it('names at most 20 options, each with its id, when a list value is refused', async () => {
    const t = await newTenant();
    const labels = Array.from({ length: 25 }, (_, i) => `Option ${i + 1}`);
    const f = await listField(t.ownerKey, 'company', 'segment', labels);
    const res = await call('POST', '/v1/companies', {
      key: t.ownerKey,
      body: { name: 'Acme', customFields: { segment: 'Option 26' } },
    });
    expectValidation(res, 'body.customFields.segment');
    const message: string = res.body.errors[0].message;
    expect(message).toContain(`Option 1 (${f.options[0].id})`);
    expect(message).toContain(`Option 20 (${f.options[19].id})`);
    expect(message).not.toContain(f.options[20].id);
    expect(message.match(/\(opt_/g)).toHaveLength(20);
    expect(message).toContain('and 5 more');
  });

  it('shows the renamed label of a list option on every record that uses it', async () => {
    const t = await newTenant();
    const f = await listField(t.ownerKey, 'deal', 'priority', ['High', 'Low']);
    const [high, low] = f.options;
    const d1 = await create(t, 'deal', { title: 'one', customFields: { priority: high.id } });
    const d2 = await create(t, 'deal', { title: 'two', customFields: { priority: high.id } });
    const d3 = await create(t, 'deal', { title: 'three', customFields: { priority: low.id } });
    expect(d1.customFields.priority).toEqual({ id: high.id, label: 'High' });
    const res = await call('PATCH', '/v1/fields/deal/priority', {
      key: t.ownerKey,
      body: { options: [{ id: high.id, label: 'Urgent' }, low] },
    });
    expectStatus(res, 200);
    expect(res.body.options).toEqual([{ ...high, label: 'Urgent' }, low]);
    expect((await getRecord(t, 'deal', d1.id)).body.customFields.priority).toEqual({ id: high.id, label: 'Urgent' });
    expect((await getRecord(t, 'deal', d2.id)).body.customFields.priority).toEqual({ id: high.id, label: 'Urgent' });
    expect((await getRecord(t, 'deal', d3.id)).body.customFields.priority).toEqual({ id: low.id, label: 'Low' });
    const listed = await listAll(t, '/v1/deals');
    expect(listed.find((d) => d.id === d2.id).customFields.priority).toEqual({ id: high.id, label: 'Urgent' });
  });

  it('returns a multi-select value as an array of options', async () => {
    const t = await newTenant();
    const f = await listField(t.ownerKey, 'contact', 'channels', ['Email', 'Phone', 'Post'], true);
    const c = await create(t, 'contact', {
      firstName: 'M',
      customFields: { channels: [f.options[2].id, f.options[0].id] },
    });
    const got = (await getRecord(t, 'contact', c.id)).body.customFields.channels;
    expect(got).toHaveLength(2);
    expect(got).toEqual(expect.arrayContaining([f.options[2], f.options[0]]));
  });

  it('refuses a create missing required custom fields, listing every one of them', async () => {
    const t = await newTenant();
    await createField(t.ownerKey, 'company', {
      name: 'vat_checked',
      label: 'VAT checked',
      type: 'boolean',
      required: true,
    });
    await createField(t.ownerKey, 'company', { name: 'account_manager', label: 'AM', type: 'string', required: true });
    await createField(t.ownerKey, 'company', { name: 'optional_note', label: 'Note', type: 'string' });
    const before = await tenantState(t.id);
    const res = await call('POST', '/v1/companies', {
      key: t.ownerKey,
      body: { name: 'Missing', customFields: { optional_note: 'x' } },
    });
    expectValidation(res, 'body.customFields.vat_checked', 'body.customFields.account_manager');
    expect(errorPaths(res)).not.toContain('body.customFields.optional_note');
    const noCustom = await call('POST', '/v1/companies', { key: t.ownerKey, body: { name: 'Missing too' } });
    expectValidation(noCustom, 'body.customFields.vat_checked', 'body.customFields.account_manager');
    expect(await tenantState(t.id)).toEqual(before);
    expect(await listAll(t, '/v1/companies')).toEqual([]);
    const ok = await create(t, 'company', {
      name: 'Complete',
      customFields: { vat_checked: false, account_manager: 'amy' },
    });
    expect(ok.customFields).toEqual({ vat_checked: false, account_manager: 'amy' });
  });

  it('enforces a field made required later on the next create', async () => {
    const t = await newTenant();
    await createField(t.ownerKey, 'contact', { name: 'region_code', label: 'Region', type: 'string' });
    await create(t, 'contact', { firstName: 'Before' });
    const patched = await call('PATCH', '/v1/fields/contact/region_code', {
      key: t.ownerKey,
      body: { required: true },
    });
    expectStatus(patched, 200);
    expect(patched.body.required).toBe(true);
    const before = await tenantState(t.id);
    expectValidation(
      await call('POST', '/v1/contacts', { key: t.ownerKey, body: { firstName: 'After' } }),
      'body.customFields.region_code',
    );
    expect(await tenantState(t.id)).toEqual(before);
    expect(
      (await create(t, 'contact', { firstName: 'After', customFields: { region_code: 'EU' } })).customFields,
    ).toEqual({ region_code: 'EU' });
  });

  it('applies defaults on create when a value is absent, but not over a given value', async () => {
    const t = await newTenant();
    await createField(t.ownerKey, 'lead', { name: 'tier', label: 'Tier', type: 'string', default: 'standard' });
    await createField(t.ownerKey, 'lead', { name: 'score', label: 'Score', type: 'number', default: 10 });
    const a = await create(t, 'lead', { title: 'defaulted' });
    expect(a.customFields).toEqual({ tier: 'standard', score: 10 });
    expect((await getRecord(t, 'lead', a.id)).body.customFields).toEqual({ tier: 'standard', score: 10 });
    const b = await create(t, 'lead', { title: 'given', customFields: { tier: 'gold' } });
    expect(b.customFields).toEqual({ tier: 'gold', score: 10 });
  });

  it('refuses a default that does not fit the field type', async () => {
    const t = await newTenant();
    const res = await call('POST', '/v1/fields/lead', {
      key: t.ownerKey,
      body: { name: 'score', label: 'Score', type: 'number', default: 'ten' },
    });
    expectValidation(res, 'body.default');
    expect(await fields(t.ownerKey, 'lead')).toEqual([]);
  });

  it('hides the values of a removed field and lets its name be reused with a new type', async () => {
    const t = await newTenant();
    await createField(t.ownerKey, 'deal', { name: 'budget', label: 'Budget', type: 'money' });
    await createField(t.ownerKey, 'deal', { name: 'origin', label: 'Origin', type: 'string' });
    const deal = await create(t, 'deal', {
      title: 'Budgeted',
      customFields: { budget: { amount: 5000, currency: 'EUR' }, origin: 'fair' },
    });
    expectStatus(await call('DELETE', '/v1/fields/deal/budget', { key: t.ownerKey }), 204);
    const after = await getRecord(t, 'deal', deal.id);
    expect(after.body.customFields).toEqual({ origin: 'fair' });
    expect((await listAll(t, '/v1/deals'))[0].customFields).toEqual({ origin: 'fair' });
    expectValidation(
      await patchRecord(t, 'deal', deal.id, { customFields: { budget: { amount: 1, currency: 'EUR' } } }),
      'body.customFields.budget',
    );

    await createField(t.ownerKey, 'deal', { name: 'budget', label: 'Budget band', type: 'number' });
    expect((await getRecord(t, 'deal', deal.id)).body.customFields).toEqual({ origin: 'fair' });
    const reused = await patchRecord(t, 'deal', deal.id, { customFields: { budget: 3 } });
    expectStatus(reused, 200);
    expect(reused.body.customFields.budget).toBe(3);
  });

  it('records a custom field change in the timeline', async () => {
    const t = await newTenant();
    await createField(t.ownerKey, 'company', { name: 'employees', label: 'Employees', type: 'number' });
    const c = await create(t, 'company', { name: 'Growing', customFields: { employees: 10 } });
    const res = await patchRecord(t, 'company', c.id, { customFields: { employees: 12 } });
    expectStatus(res, 200);
    expect(res.body.customFields.employees).toBe(12);
    const [latest] = await timeline(t, 'company', c.id);
    expect(latest.type).toBe('updated');
    const change = latest.changes.find(
      (ch: { field: string }) => ch.field.includes('employees') || ch.field === 'customFields',
    );
    expect(change).toBeDefined();
    if (change.field === 'customFields') expect([change.from.employees, change.to.employees]).toEqual([10, 12]);
    else expect(change).toMatchObject({ from: 10, to: 12 });
  });
});
