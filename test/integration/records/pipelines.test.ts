import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from '../api-client';
import {
  create,
  createDealPipeline,
  defaultDealPipeline,
  expectProblem,
  expectValidation,
  getRecord,
  idPattern,
  ids,
  leadPipeline,
  listAll,
  patchRecord,
  pipelines,
  tenantState,
  timeline,
} from './helpers';
import { expectStatus } from '#test/support/http-client';

const stageShape = {
  id: expect.stringMatching(idPattern('stg')),
  name: expect.any(String),
  semantics: expect.any(String),
};

describe('pipelines', () => {
  it('gives a new tenant a default deal pipeline and the lead pipeline with its four stages', async () => {
    const t = await newTenant();
    const all = await pipelines(t);
    expect(all).toHaveLength(2);
    const deal = all.find((p) => p.entity === 'deal');
    const lead = all.find((p) => p.entity === 'lead');
    expect(deal).toMatchObject({
      id: expect.stringMatching(idPattern('pipe')),
      isDefault: true,
      name: expect.any(String),
    });
    expect(deal.stages.length).toBeGreaterThan(0);
    for (const s of deal.stages) {
      expect(s).toMatchObject(stageShape);
      expect(['open', 'won', 'lost']).toContain(s.semantics);
    }
    expect(deal.stages.some((s: { semantics: string }) => s.semantics === 'open')).toBe(true);
    expect(lead.id).toMatch(idPattern('pipe'));
    expect(lead.stages.map((s: { name: string; semantics: string }) => [s.name, s.semantics])).toEqual([
      ['New', 'open'],
      ['In progress', 'open'],
      ['Converted', 'converted'],
      ['Junk', 'junk'],
    ]);
    for (const s of lead.stages) expect(s.id).toMatch(idPattern('stg'));
    const got = await call('GET', `/v1/pipelines/${lead.id}`, { key: t.ownerKey });
    expectStatus(got, 200);
    expect(got.body).toEqual(lead);
  });

  it('filters pipelines by entity', async () => {
    const t = await newTenant();
    const extra = await createDealPipeline(t);
    const deals = await pipelines(t, 'deal');
    expect(deals.map((p) => p.entity)).toEqual(['deal', 'deal']);
    expect(deals.map((p) => p.id)).toContain(extra.id);
    const leads = await pipelines(t, 'lead');
    expect(leads).toHaveLength(1);
    expect(leads[0].entity).toBe('lead');
    expectStatus(await call('GET', '/v1/pipelines?entity=widget', { key: t.ownerKey }), 400);
  });

  it('creates a deal pipeline with ids for every stage, not the default', async () => {
    const t = await newTenant();
    const res = await call('POST', '/v1/pipelines', {
      key: t.ownerKey,
      body: {
        entity: 'deal',
        name: 'Renewals',
        stages: [
          { name: 'Due', semantics: 'open' },
          { name: 'Renewed', semantics: 'won' },
          { name: 'Churned', semantics: 'lost' },
        ],
      },
    });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(idPattern('pipe')),
      entity: 'deal',
      name: 'Renewals',
      isDefault: false,
    });
    expect(res.body.stages.map((s: { name: string }) => s.name)).toEqual(['Due', 'Renewed', 'Churned']);
    for (const s of res.body.stages) expect(s).toMatchObject(stageShape);
    expect(new Set(res.body.stages.map((s: { id: string }) => s.id)).size).toBe(3);
    expect((await call('GET', `/v1/pipelines/${res.body.id}`, { key: t.ownerKey })).body).toEqual(res.body);
    expect((await defaultDealPipeline(t)).id).not.toBe(res.body.id);
  });

  it('refuses a second lead pipeline with 409', async () => {
    const t = await newTenant();
    const before = await tenantState(t.id);
    const res = await call('POST', '/v1/pipelines', {
      key: t.ownerKey,
      body: { entity: 'lead', name: 'Second', stages: [{ name: 'New', semantics: 'open' }] },
    });
    expectProblem(res, 409);
    expect(await pipelines(t, 'lead')).toHaveLength(1);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it('refuses pipelines without an open stage, with semantics of the other entity or without stages', async () => {
    const t = await newTenant();
    const before = await tenantState(t.id);
    const bodies = [
      {
        entity: 'deal',
        name: 'Closed only',
        stages: [
          { name: 'Won', semantics: 'won' },
          { name: 'Lost', semantics: 'lost' },
        ],
      },
      {
        entity: 'deal',
        name: 'Lead words',
        stages: [
          { name: 'Open', semantics: 'open' },
          { name: 'Converted', semantics: 'converted' },
        ],
      },
      { entity: 'deal', name: 'Empty', stages: [] },
      { entity: 'deal', stages: [{ name: 'Open', semantics: 'open' }] },
      { entity: 'deal', name: 'Extra', stages: [{ name: 'Open', semantics: 'open' }], colour: 'red' },
    ];
    for (const body of bodies) expectValidation(await call('POST', '/v1/pipelines', { key: t.ownerKey, body }));
    expect(await pipelines(t)).toHaveLength(2);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it('renames, reorders and adds stages while existing stages keep their ids', async () => {
    const t = await newTenant();
    const p = await createDealPipeline(t);
    const [qualify, propose, won, lost] = p.stages;
    const res = await call('PATCH', `/v1/pipelines/${p.id}`, {
      key: t.ownerKey,
      body: {
        name: 'Enterprise v2',
        stages: [{ ...propose, name: 'Proposal' }, qualify, { name: 'Negotiate', semantics: 'open' }, won, lost],
      },
    });
    expectStatus(res, 200);
    expect(res.body.name).toBe('Enterprise v2');
    expect(res.body.stages.map((s: { name: string }) => s.name)).toEqual([
      'Proposal',
      'Qualify',
      'Negotiate',
      'Won',
      'Lost',
    ]);
    expect(res.body.stages[0].id).toBe(propose.id);
    expect(res.body.stages[1].id).toBe(qualify.id);
    expect(res.body.stages[2].id).toMatch(idPattern('stg'));
    expect([qualify.id, propose.id, won.id, lost.id]).not.toContain(res.body.stages[2].id);
    expect(res.body.stages[3].id).toBe(won.id);
    expect((await call('GET', `/v1/pipelines/${p.id}`, { key: t.ownerKey })).body).toEqual(res.body);
  });

  it('removes an empty stage but refuses with 409 to remove a stage that still holds a deal', async () => {
    const t = await newTenant();
    const p = await createDealPipeline(t);
    const [qualify, propose, won, lost] = p.stages;
    const deal = await create(t, 'deal', { title: 'In propose', pipelineId: p.id, stageId: propose.id });
    const removeEmpty = await call('PATCH', `/v1/pipelines/${p.id}`, {
      key: t.ownerKey,
      body: { stages: [qualify, propose, won] },
    });
    expectStatus(removeEmpty, 200);
    expect(removeEmpty.body.stages.map((s: { id: string }) => s.id)).toEqual([qualify.id, propose.id, won.id]);
    expect(lost).toBeDefined();

    const refused = await call('PATCH', `/v1/pipelines/${p.id}`, {
      key: t.ownerKey,
      body: { name: 'Renamed', stages: [qualify, won] },
    });
    expectProblem(refused, 409);
    const now = await call('GET', `/v1/pipelines/${p.id}`, { key: t.ownerKey });
    expect(now.body).toEqual(removeEmpty.body);
    expect((await getRecord(t, 'deal', deal.id)).body).toMatchObject({
      pipelineId: p.id,
      stageId: propose.id,
      version: 1,
    });

    // once the deal has moved on, the stage is empty and may go; a deleted deal does not hold a stage either
    expectStatus(await patchRecord(t, 'deal', deal.id, { stageId: qualify.id }), 200);
    const gone = await create(t, 'deal', { title: 'Deleted', pipelineId: p.id, stageId: won.id });
    expectStatus(await call('DELETE', `/v1/deals/${gone.id}`, { key: t.ownerKey }), 204);
    const removed = await call('PATCH', `/v1/pipelines/${p.id}`, { key: t.ownerKey, body: { stages: [qualify] } });
    expectStatus(removed, 200);
    expect(removed.body.stages.map((s: { id: string }) => s.id)).toEqual([qualify.id]);
  });

  it('refuses with 409 to remove a lead stage that still holds a lead', async () => {
    const t = await newTenant();
    // Leads enter converted and junk stages only by conversion, so the stage in use is an open one.
    const original = await leadPipeline(t);
    const added = await call('PATCH', `/v1/pipelines/${original.id}`, {
      key: t.ownerKey,
      body: { stages: [...original.stages, { name: 'Nurture', semantics: 'open' }] },
    });
    const p = expectStatus(added, 200).body;
    await create(t, 'lead', { title: 'Nurtured', stageId: p.stages[4].id });
    const res = await call('PATCH', `/v1/pipelines/${p.id}`, {
      key: t.ownerKey,
      body: { stages: p.stages.slice(0, 4) },
    });
    expectProblem(res, 409);
    expect((await leadPipeline(t)).stages).toEqual(p.stages);
  });

  it('refuses an update that leaves no open stage', async () => {
    const t = await newTenant();
    const p = await createDealPipeline(t);
    const res = await call('PATCH', `/v1/pipelines/${p.id}`, {
      key: t.ownerKey,
      body: { stages: p.stages.filter((s: { semantics: string }) => s.semantics !== 'open') },
    });
    expectValidation(res);
    expect((await call('GET', `/v1/pipelines/${p.id}`, { key: t.ownerKey })).body).toEqual(p);
  });

  it('lets viewers read pipelines but only admins and owners manage them', async () => {
    const t = await newTenant();
    const viewer = await newKey(t, 'viewer');
    const member = await newKey(t, 'member');
    const admin = await newKey(t, 'admin');
    const body = { entity: 'deal', name: 'Member pipe', stages: [{ name: 'Open', semantics: 'open' }] };
    expect(await pipelines(viewer)).toHaveLength(2);
    expectProblem(await call('POST', '/v1/pipelines', { key: member, body }), 403);
    expectProblem(await call('POST', '/v1/pipelines', { key: viewer, body }), 403);
    const lead = await leadPipeline(t);
    expectProblem(await call('PATCH', `/v1/pipelines/${lead.id}`, { key: member, body: { name: 'Hacked' } }), 403);
    expect((await leadPipeline(t)).name).toBe(lead.name);
    expect(await pipelines(t)).toHaveLength(2);
    expectStatus(await call('POST', '/v1/pipelines', { key: admin, body }), 201);
    expect(await pipelines(t)).toHaveLength(3);
  });

  it('answers 404 for an unknown pipeline id', async () => {
    const t = await newTenant();
    expectProblem(await call('GET', '/v1/pipelines/pipe_01JAAAAAAAAAAAAAAAAAAAAAAA', { key: t.ownerKey }), 404);
    expectProblem(
      await call('PATCH', '/v1/pipelines/pipe_01JAAAAAAAAAAAAAAAAAAAAAAA', { key: t.ownerKey, body: { name: 'x' } }),
      404,
    );
  });
});

describe('stage moves', () => {
  it('puts a new lead in the first lead stage and moves it with a stage_moved timeline entry', async () => {
    const t = await newTenant();
    const p = await leadPipeline(t);
    const lead = await create(t, 'lead', { title: 'Movable' });
    expect(lead.stageId).toBe(p.stages[0].id);
    const res = await patchRecord(t, 'lead', lead.id, { stageId: p.stages[1].id });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ stageId: p.stages[1].id, version: 2 });
    const [latest] = await timeline(t, 'lead', lead.id);
    expect(latest.type).toBe('stage_moved');
    expect(latest.changes).toContainEqual({ field: 'stageId', from: p.stages[0].id, to: p.stages[1].id });
    expect(ids(await listAll(t, '/v1/leads', `stageId=${p.stages[1].id}`))).toEqual([lead.id]);
    expect(await listAll(t, '/v1/leads', `stageId=${p.stages[0].id}`)).toEqual([]);
  });

  it('refuses a lead stage from the deal pipeline with 400 at body.stageId and changes nothing', async () => {
    const t = await newTenant();
    const dealPipe = await defaultDealPipeline(t);
    const lead = await create(t, 'lead', { title: 'Stays' });
    const tl = await timeline(t, 'lead', lead.id);
    const before = await tenantState(t.id);
    expectValidation(await patchRecord(t, 'lead', lead.id, { stageId: dealPipe.stages[0].id }), 'body.stageId');
    expectValidation(
      await patchRecord(t, 'lead', lead.id, { stageId: 'stg_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
      'body.stageId',
    );
    expectValidation(
      await call('POST', '/v1/leads', { key: t.ownerKey, body: { title: 'New', stageId: dealPipe.stages[0].id } }),
      'body.stageId',
    );
    expect(await tenantState(t.id)).toEqual(before);
    expect((await getRecord(t, 'lead', lead.id)).body).toEqual(lead);
    expect(await timeline(t, 'lead', lead.id)).toEqual(tl);
  });

  it("refuses a deal stage of another pipeline than the deal's", async () => {
    const t = await newTenant();
    const def = await defaultDealPipeline(t);
    const other = await createDealPipeline(t);
    const deal = await create(t, 'deal', { title: 'Default pipe' });
    expect(deal).toMatchObject({ pipelineId: def.id, stageId: def.stages[0].id });
    const before = await tenantState(t.id);
    expectValidation(await patchRecord(t, 'deal', deal.id, { stageId: other.stages[1].id }), 'body.stageId');
    expectValidation(
      await call('POST', '/v1/deals', {
        key: t.ownerKey,
        body: { title: 'Mismatch', pipelineId: def.id, stageId: other.stages[0].id },
      }),
      'body.stageId',
    );
    expectValidation(
      await call('POST', '/v1/deals', { key: t.ownerKey, body: { title: 'Mismatch', stageId: other.stages[0].id } }),
      'body.stageId',
    );
    expect(await tenantState(t.id)).toEqual(before);
    expect((await getRecord(t, 'deal', deal.id)).body).toMatchObject({
      pipelineId: def.id,
      stageId: def.stages[0].id,
      version: 1,
    });
  });

  it('refuses a pipeline that does not exist or is the lead pipeline', async () => {
    const t = await newTenant();
    const lead = await leadPipeline(t);
    const before = await tenantState(t.id);
    expectValidation(
      await call('POST', '/v1/deals', {
        key: t.ownerKey,
        body: { title: 'x', pipelineId: 'pipe_01JAAAAAAAAAAAAAAAAAAAAAAA' },
      }),
      'body.pipelineId',
    );
    expectValidation(
      await call('POST', '/v1/deals', { key: t.ownerKey, body: { title: 'x', pipelineId: lead.id } }),
      'body.pipelineId',
    );
    expect(await tenantState(t.id)).toEqual(before);
  });

  it("moves a deal to another pipeline's first stage when only pipelineId changes, or to the given stage", async () => {
    const t = await newTenant();
    const def = await defaultDealPipeline(t);
    const other = await createDealPipeline(t);
    const deal = await create(t, 'deal', { title: 'Switcher' });
    const moved = await patchRecord(t, 'deal', deal.id, { pipelineId: other.id });
    expectStatus(moved, 200);
    expect(moved.body).toMatchObject({ pipelineId: other.id, stageId: other.stages[0].id, version: 2 });
    const back = await patchRecord(t, 'deal', deal.id, {
      pipelineId: def.id,
      stageId: def.stages[def.stages.length - 1].id,
    });
    expectStatus(back, 200);
    expect(back.body).toMatchObject({ pipelineId: def.id, stageId: def.stages[def.stages.length - 1].id });
    expect(ids(await listAll(t, '/v1/deals', `pipelineId=${def.id}`))).toEqual([deal.id]);
    expect(await listAll(t, '/v1/deals', `pipelineId=${other.id}`)).toEqual([]);
  });

  it('creates a deal directly in a chosen pipeline and stage', async () => {
    const t = await newTenant();
    const other = await createDealPipeline(t);
    const a = await create(t, 'deal', { title: 'First stage', pipelineId: other.id });
    expect(a).toMatchObject({ pipelineId: other.id, stageId: other.stages[0].id });
    const b = await create(t, 'deal', { title: 'Chosen', pipelineId: other.id, stageId: other.stages[2].id });
    expect(b).toMatchObject({ pipelineId: other.id, stageId: other.stages[2].id });
  });
});
