import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from '../api-client';
import { create, defaultDealPipeline, expectProblem, ISO_UTC, patchRecord, storedTimeline, timeline } from './helpers';
import { expectStatus } from '#test/support/http-client';

describe('record timeline', () => {
  it('records creation with the acting user', async () => {
    const t = await newTenant();
    const member = await newKey(t, 'member', 'mia');
    const lead = await create(member, 'lead', { title: 'Timed' });
    const res = await call('GET', `/v1/leads/${lead.id}/timeline`, { key: t.ownerKey });
    expectStatus(res, 200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toHaveLength(1);
    const [entry] = res.body.items;
    expect(entry).toMatchObject({ id: expect.any(String), type: 'created', actor: { userId: 'mia' } });
    expect(entry.at).toMatch(ISO_UTC);
    expect(Array.isArray(entry.changes)).toBe(true);
  });

  it('records each update newest first with field, from and to', async () => {
    const t = await newTenant();
    const admin = await newKey(t, 'admin', 'ann');
    const company = await create(t, 'company', { name: 'Old Co', industry: 'Coal' });
    expectStatus(await patchRecord(t, 'company', company.id, { name: 'New Co' }), 200);
    expectStatus(
      await patchRecord(admin, 'company', company.id, { industry: null, website: 'https://new.example' }),
      200,
    );
    const items = await timeline(t, 'company', company.id);
    expect(items.map((e) => e.type)).toEqual(['updated', 'updated', 'created']);
    expect(items[2].actor.userId).toBe(t.ownerUserId);
    expect(items[1]).toMatchObject({ actor: { userId: t.ownerUserId } });
    expect(items[1].changes).toEqual([{ field: 'name', from: 'Old Co', to: 'New Co' }]);
    expect(items[0].actor.userId).toBe('ann');
    const byField = Object.fromEntries(items[0].changes.map((c: { field: string }) => [c.field, c]));
    expect(Object.keys(byField).sort()).toEqual(['industry', 'website']);
    expect(byField.industry.from).toBe('Coal');
    expect(byField.industry.to ?? null).toBeNull();
    expect(byField.website.from ?? null).toBeNull();
    expect(byField.website.to).toBe('https://new.example');
    expect(items[0].at >= items[1].at && items[1].at >= items[2].at).toBe(true);
  });

  it('records a stage move as stage_moved', async () => {
    const t = await newTenant();
    const p = await defaultDealPipeline(t);
    const deal = await create(t, 'deal', { title: 'Mover' });
    const target = p.stages[p.stages.length - 1].id;
    expectStatus(await patchRecord(t, 'deal', deal.id, { stageId: target }), 200);
    const [latest] = await timeline(t, 'deal', deal.id);
    expect(latest.type).toBe('stage_moved');
    expect(latest.changes).toContainEqual({ field: 'stageId', from: p.stages[0].id, to: target });
  });

  it('records linking and unlinking a company', async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'LinkCo' });
    const contact = await create(t, 'contact', { firstName: 'Linky' });
    expectStatus(await patchRecord(t, 'contact', contact.id, { companyId: company.id }), 200);
    expectStatus(await patchRecord(t, 'contact', contact.id, { companyId: null }), 200);
    const items = await timeline(t, 'contact', contact.id);
    expect(items.map((e) => e.type)).toEqual(['unlinked', 'linked', 'created']);
    const linkChange = items[1].changes.find((c: { field: string }) => c.field === 'companyId');
    expect(linkChange.to).toBe(company.id);
    expect(linkChange.from ?? null).toBeNull();
    const unlinkChange = items[0].changes.find((c: { field: string }) => c.field === 'companyId');
    expect(unlinkChange.from).toBe(company.id);
    expect(unlinkChange.to ?? null).toBeNull();
  });

  it('records contacts linked to and unlinked from a deal', async () => {
    const t = await newTenant();
    const a = await create(t, 'contact', { firstName: 'A' });
    const b = await create(t, 'contact', { firstName: 'B' });
    const deal = await create(t, 'deal', { title: 'People' });
    expectStatus(await patchRecord(t, 'deal', deal.id, { contactIds: [a.id, b.id] }), 200);
    expectStatus(await patchRecord(t, 'deal', deal.id, { contactIds: [b.id] }), 200);
    const items = await timeline(t, 'deal', deal.id);
    expect(items.map((e) => e.type)).toEqual(['unlinked', 'linked', 'created']);
    expect(JSON.stringify(items[1].changes)).toContain(a.id);
    expect(JSON.stringify(items[1].changes)).toContain(b.id);
    expect(JSON.stringify(items[0].changes)).toContain(a.id);
  });

  it('pages the timeline with a cursor bound to that record', async () => {
    const t = await newTenant();
    const lead = await create(t, 'lead', { title: 'v1' });
    for (let v = 2; v <= 4; v++) expectStatus(await patchRecord(t, 'lead', lead.id, { title: `v${v}` }), 200);
    const first = await call('GET', `/v1/leads/${lead.id}/timeline?limit=3`, { key: t.ownerKey });
    expect(first.body.items).toHaveLength(3);
    expect(first.body.items[0].changes).toEqual([{ field: 'title', from: 'v3', to: 'v4' }]);
    const second = await call(
      'GET',
      `/v1/leads/${lead.id}/timeline?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      { key: t.ownerKey },
    );
    expectStatus(second, 200);
    expect(second.body.items.map((e: { type: string }) => e.type)).toEqual(['created']);
    expect(second.body.nextCursor).toBeNull();
    const other = await create(t, 'lead', { title: 'other' });
    expectProblem(
      await call('GET', `/v1/leads/${other.id}/timeline?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`, {
        key: t.ownerKey,
      }),
      400,
    );
    expectProblem(await call('GET', `/v1/leads/${lead.id}/timeline?cursor=forged.cursor`, { key: t.ownerKey }), 400);
  });

  it('stores exactly one timeline item per successful change and none for refused ones', async () => {
    const t = await newTenant();
    const deal = await create(t, 'deal', { title: 'Counted', currency: 'EUR' });
    expect(await storedTimeline(t.id, 'deal', deal.id)).toHaveLength(1);
    await patchRecord(t, 'deal', deal.id, { amount: 10 });
    expect(await storedTimeline(t.id, 'deal', deal.id)).toHaveLength(2);
    expectStatus(await patchRecord(t, 'deal', deal.id, { amount: 10.001 }), 400);
    expectStatus(await patchRecord(t, 'deal', deal.id, { amount: 11 }, 1), 412);
    expectStatus(await patchRecord(t, 'deal', deal.id, { stageId: 'stg_01JAAAAAAAAAAAAAAAAAAAAAAA' }), 400);
    expectStatus(await patchRecord(t, 'deal', deal.id, { contactIds: ['con_01JAAAAAAAAAAAAAAAAAAAAAAA'] }), 400);
    expect(await storedTimeline(t.id, 'deal', deal.id)).toHaveLength(2);
    expect(await timeline(t, 'deal', deal.id)).toHaveLength(2);
  });

  it('lets a viewer read the timeline', async () => {
    const t = await newTenant();
    const viewer = await newKey(t, 'viewer');
    const contact = await create(t, 'contact', { firstName: 'Seen' });
    expect(await timeline(viewer, 'contact', contact.id)).toHaveLength(1);
  });

  it('answers 404 for the timeline of a record that does not exist', async () => {
    const t = await newTenant();
    expectProblem(await call('GET', '/v1/deals/deal_01JAAAAAAAAAAAAAAAAAAAAAAA/timeline', { key: t.ownerKey }), 404);
  });
});
