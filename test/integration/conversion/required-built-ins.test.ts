import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { create, expectProblem, expectValidation, patchRecord } from '../records/helpers';

describe('required built-in fields', () => {
  it('lists built-in fields with builtIn true, id null and their required flag, then the custom ones', async () => {
    const t = await newTenant('Fields');
    await call('POST', '/v1/fields/company', {
      key: t.ownerKey,
      body: { name: 'tier', label: 'Tier', type: 'string' },
    });
    const items = expectStatus(await call('GET', '/v1/fields/company', { key: t.ownerKey }), 200).body.items;
    expect(items.find((f: any) => f.name === 'name')).toMatchObject({ id: null, builtIn: true, required: true });
    expect(items.find((f: any) => f.name === 'taxId')).toMatchObject({
      id: null,
      builtIn: true,
      required: false,
      label: 'Tax id (TIN)',
    });
    expect(items.at(-1)).toMatchObject({ name: 'tier', builtIn: false });
  });

  it('lets an admin require a company taxId, which creates and patches then enforce', async () => {
    const t = await newTenant('Fields');
    const res = await call('PATCH', '/v1/fields/company/taxId', { key: t.ownerKey, body: { required: true } });
    expect(expectStatus(res, 200).body).toMatchObject({ name: 'taxId', required: true, builtIn: true, id: null });
    expectValidation(await call('POST', '/v1/companies', { key: t.ownerKey, body: { name: 'No TIN' } }), 'body.taxId');
    const ok = await create(t, 'company', { name: 'With TIN', taxId: 'DE1' });
    expectValidation(await patchRecord(t, 'company', ok.id, { taxId: null }), 'body.taxId');
    expectStatus(await patchRecord(t, 'company', ok.id, { industry: 'Retail' }), 200);
    expectStatus(await call('PATCH', '/v1/fields/company/taxId', { key: t.ownerKey, body: { required: false } }), 200);
    await create(t, 'company', { name: 'No TIN again' });
  });

  it('refuses other changes of built-in fields, removing them, and members', async () => {
    const t = await newTenant('Fields');
    expectValidation(
      await call('PATCH', '/v1/fields/company/taxId', { key: t.ownerKey, body: { label: 'TIN' } }),
      'body.label',
    );
    expectValidation(
      await call('PATCH', '/v1/fields/company/name', { key: t.ownerKey, body: { required: false } }),
      'body.required',
    );
    const removal = await call('DELETE', '/v1/fields/company/taxId', { key: t.ownerKey });
    expectValidation(removal);
    expect(removal.body.detail).toMatch(/built-in/);
    expectProblem(
      await call('PATCH', '/v1/fields/company/nothingLikeIt', { key: t.ownerKey, body: { required: true } }),
      404,
    );
    const member = await newKey(t, 'member');
    expectProblem(await call('PATCH', '/v1/fields/company/taxId', { key: member, body: { required: true } }), 403);
  });
});
