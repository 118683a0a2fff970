import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import {
  create,
  createField,
  deleteRecord,
  expectProblem,
  expectValidation,
  leadPipeline,
  patchRecord,
  tenantState,
} from '../records/helpers';
import { conversionOf, convert, world } from './helpers';

const ALL_THREE = { contact: { create: {} }, company: { create: {} }, deal: { create: {} } };

describe('lead conversion refusals (each writes nothing)', () => {
  it('answers 404 for a lead of another tenant', async () => {
    const w = await world();
    const other = await newTenant('Other');
    const before = await tenantState(w.tenant.id);
    expectProblem(await convert(other.ownerKey, w.lead.id, ALL_THREE), 404, 'NOT_FOUND');
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });

  it('answers 409 with the existing conversion for a converted or junk lead', async () => {
    const w = await world();
    const first = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} } }));
    const before = await tenantState(w.tenant.id);
    const again = await convert(w.key, w.lead.id, ALL_THREE);
    expectProblem(again, 409, 'CONFLICT');
    expect(again.body.conversion).toEqual(first);
    expect(await tenantState(w.tenant.id)).toEqual(before);

    const j = await world();
    const junk = conversionOf(await convert(j.key, j.lead.id, { outcome: 'junk' }));
    const res = await convert(j.key, j.lead.id, { contact: { create: {} } });
    expectProblem(res, 409);
    expect(res.body.conversion.id).toBe(junk.id);
  });

  it('replays the original 201 for an identical retry with the same Idempotency-Key; 422 for another body', async () => {
    const w = await world();
    const first = conversionOf(await convert(w.key, w.lead.id, ALL_THREE, 'convert-once'));
    const before = await tenantState(w.tenant.id);
    const retry = await convert(w.key, w.lead.id, ALL_THREE, 'convert-once');
    expect(conversionOf(retry)).toEqual(first);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expectProblem(await convert(w.key, w.lead.id, { contact: { create: {} } }, 'convert-once'), 422);
    expectProblem(await convert(w.key, w.lead.id, ALL_THREE, 'another-key'), 409);
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });

  it('answers 400 for a deal pipeline or stage that does not exist or belongs to leads', async () => {
    const w = await world();
    const leads = await leadPipeline(w.key);
    const before = await tenantState(w.tenant.id);
    const missing = 'pipe_01JD3V6Y5Q8W7X2M4N9P0R1S2T';
    expectValidation(
      await convert(w.key, w.lead.id, { deal: { create: { pipelineId: missing } } }),
      'body.deal.create.pipelineId',
    );
    expectValidation(
      await convert(w.key, w.lead.id, { deal: { create: { pipelineId: leads.id } } }),
      'body.deal.create.pipelineId',
    );
    expectValidation(
      await convert(w.key, w.lead.id, { deal: { create: { stageId: leads.stages[0].id } } }),
      'body.deal.create.stageId',
    );
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });

  it('answers 400 naming existingId for a record of another tenant or a deleted one', async () => {
    const w = await world();
    const other = await newTenant('Other');
    const foreign = await create(other, 'contact');
    const gone = await create(w.key, 'company');
    expectStatus(await deleteRecord(w.key, 'company', gone.id), 204);
    const before = await tenantState(w.tenant.id);
    expectValidation(
      await convert(w.key, w.lead.id, { contact: { existingId: foreign.id } }),
      'body.contact.existingId',
    );
    expectValidation(await convert(w.key, w.lead.id, { company: { existingId: gone.id } }), 'body.company.existingId');
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });

  it('answers 400 without a target, or with targets for junk, or with both create and existingId', async () => {
    const w = await world();
    const before = await tenantState(w.tenant.id);
    expectValidation(await convert(w.key, w.lead.id, {}), 'body');
    expectValidation(await convert(w.key, w.lead.id, { outcome: 'junk', contact: { create: {} } }), 'body.contact');
    expectValidation(
      await convert(w.key, w.lead.id, { contact: { create: {}, existingId: 'con_01JD3V6Y5Q8W7X2M4N9P0R1S2T' } }),
      'body.contact',
    );
    expect(await tenantState(w.tenant.id)).toEqual(before);
  });

  it('answers 400 REQUIRED_FIELDS_MISSING naming target, field, label and type; overrides then complete it', async () => {
    const w = await world();
    expectStatus(
      await call('PATCH', '/v1/fields/company/taxId', { key: w.key, body: { required: true } }),
      200,
      'requiring the TIN',
    );
    await createField(w.key, 'deal', { name: 'budget', label: 'Budget', type: 'number', required: true });
    const before = await tenantState(w.tenant.id);
    const res = await convert(w.key, w.lead.id, ALL_THREE);
    expectProblem(res, 400, 'REQUIRED_FIELDS_MISSING');
    expect(res.body.errors).toEqual([
      { path: 'company.taxId', message: 'Required.', label: 'Tax id (TIN)', type: 'string' },
      { path: 'deal.customFields.budget', message: 'Required.', label: 'Budget', type: 'number' },
    ]);
    expect(await tenantState(w.tenant.id)).toEqual(before);

    const plan = expectStatus(await convert(w.key, w.lead.id, { ...ALL_THREE, dryRun: true }), 200).body;
    expect(plan.missing.map((m: any) => m.path)).toEqual(['company.taxId', 'deal.customFields.budget']);

    const done = conversionOf(
      await convert(w.key, w.lead.id, {
        ...ALL_THREE,
        company: { create: { taxId: 'de 123.456.789' } },
        deal: { create: { customFields: { budget: 5000 } } },
      }),
    );
    const company = expectStatus(await call('GET', `/v1/companies/${done.companyId}`, { key: w.key }), 200).body;
    expect(company.taxId).toBe('DE123456789');
  });

  it('answers 403 to a viewer, and to a member converting someone else’s lead', async () => {
    const w = await world();
    const viewer = await newKey(w.tenant, 'viewer');
    const member = await newKey(w.tenant, 'member');
    const before = await tenantState(w.tenant.id);
    expectProblem(await convert(viewer, w.lead.id, ALL_THREE), 403);
    expectProblem(await convert(member, w.lead.id, ALL_THREE), 403);
    expect(await tenantState(w.tenant.id)).toEqual(before);
    const own = await create(member, 'lead', { title: 'Mine', name: 'Max Mustermann' });
    conversionOf(await convert(member, own.id, { contact: { create: {} } }));
    expectProblem(await convert(member, own.id, { outcome: 'junk' }), 409);
  });

  it('keeps a converted lead read-only, and lets no PATCH move a lead to converted or junk', async () => {
    const w = await world();
    const stages = (await leadPipeline(w.key)).stages;
    const other = await create(w.key, 'lead', { title: 'Open lead' });
    for (const semantics of ['converted', 'junk'])
      expectProblem(
        await patchRecord(w.key, 'lead', other.id, { stageId: stages.find((s: any) => s.semantics === semantics).id }),
        409,
      );
    const junk = stages.find((s: any) => s.semantics === 'junk').id;
    expectProblem(await call('POST', '/v1/leads', { key: w.key, body: { title: 'Born junk', stageId: junk } }), 409);
    conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} } }));
    expectProblem(await patchRecord(w.key, 'lead', w.lead.id, { title: 'Changed' }), 409);
  });

  it('refuses a lead pipeline without its converted and junk stages', async () => {
    const w = await world();
    const p = await leadPipeline(w.key);
    const res = await call('PATCH', `/v1/pipelines/${p.id}`, {
      key: w.key,
      body: { stages: p.stages.filter((s: any) => s.semantics === 'open') },
    });
    expectValidation(res, 'body.stages');
  });
});
