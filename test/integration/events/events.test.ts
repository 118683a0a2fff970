import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant, type TestTenant } from '../api-client';
import {
  create,
  defaultDealPipeline,
  deleteRecord,
  errorPaths,
  expectProblem,
  expectValidation,
  patchRecord,
  recordItems,
  tenantState,
  type Entity,
} from '../records/helpers';
import { conversionOf, convert, undo, world } from '../conversion/helpers';
import { newForm, postSigned, uniqueEmail } from '../intake/helpers';

// The transactional outbox read through GET /v1/events: every committed change has exactly one
// event, written in its own transaction; a refused change has none.

const enc = encodeURIComponent;
type Key = string | TestTenant;
const keyOf = (k: Key) => (typeof k === 'string' ? k : k.ownerKey);

const feed = (key: Key, query = '') => call('GET', `/v1/events${query ? `?${query}` : ''}`, { key: keyOf(key) });

/** Every event of the tenant, oldest first, following cursors. */
async function events(key: Key, query = ''): Promise<any[]> {
  const all: any[] = [];
  let cursor: string | null = null;
  do {
    const q: string = [query, 'limit=100', cursor ? `cursor=${enc(cursor)}` : ''].filter(Boolean).join('&');
    const res: { body: any } = expectStatus(await feed(key, q), 200, 'reading the feed');
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}

const outboxItems = async (tenantId: string) =>
  (await tenantState(tenantId)).filter((i) => String(i.sk).startsWith('OUT#'));

describe('the transactional outbox, read through GET /v1/events', () => {
  it.each<Entity>(['lead', 'contact', 'company', 'deal'])(
    'writes one %s.created, one .updated with previous values, and a tombstone once deleted',
    async (entity) => {
      const t = await newTenant();
      const made = await create(t, entity);
      const field = entity === 'contact' ? 'firstName' : entity === 'company' ? 'name' : 'title';
      const patched = expectStatus(await patchRecord(t, entity, made.id, { [field]: 'Renamed' }), 200).body;
      expectStatus(await deleteRecord(t, entity, made.id), 204);
      const got = await events(t);
      expect(got.map((e) => e.type)).toEqual([`${entity}.created`, `${entity}.updated`, `${entity}.deleted`]);
      const [created, updated, deleted] = got;
      const actor = { kind: 'key', userId: t.ownerUserId, keyId: expect.stringMatching(/^key_/) };
      expect(created).toEqual({
        id: expect.stringMatching(/^evt_/),
        type: `${entity}.created`,
        tenantId: t.id,
        occurredAt: made.createdAt,
        actor,
        data: made,
        source: 'api',
      });
      expect(updated).toMatchObject({ occurredAt: patched.updatedAt, actor, data: patched });
      expect(updated.previous).toEqual({ [field]: made[field] });
      expect(deleted).toMatchObject({ actor, data: { id: made.id, version: patched.version + 1 } });
      expect(deleted.previous).toBeUndefined();
      expect(new Set(got.map((e) => e.id)).size).toBe(3);
    },
  );

  it('announces a deal moved to another stage as one deal.stage_changed, not also deal.updated', async () => {
    const t = await newTenant();
    const pipeline = await defaultDealPipeline(t);
    const deal = await create(t, 'deal', { title: 'Big one', pipelineId: pipeline.id, stageId: pipeline.stages[0].id });
    const moved = expectStatus(
      await patchRecord(t, 'deal', deal.id, { stageId: pipeline.stages[1].id, title: 'Bigger one' }),
      200,
    ).body;
    const got = await events(t);
    expect(got.map((e) => e.type)).toEqual(['deal.created', 'deal.stage_changed']);
    expect(got[1].data).toEqual(moved);
    expect(got[1].previous).toEqual({ stageId: pipeline.stages[0].id, title: 'Big one' });
    expect((await events(t, 'type=deal.updated')).length).toBe(0);
    expect((await events(t, 'type=deal.stage_changed')).map((e) => e.id)).toEqual([got[1].id]);
  });

  it('writes no event for a refused change: validation, a viewer, a stale If-Match, a converted lead', async () => {
    const t = await newTenant();
    const company = await create(t, 'company');
    const w = await world();
    const converted = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} } }));
    expect(converted.leadId ?? w.lead.id).toBe(w.lead.id);
    const before = { t: await outboxItems(t.id), w: await outboxItems(w.tenant.id) };
    const viewer = await newKey(t, 'viewer');
    expectValidation(await call('POST', '/v1/companies', { key: t.ownerKey, body: {} }));
    expectValidation(await patchRecord(t, 'company', company.id, { name: '' }));
    expectProblem(await patchRecord(viewer, 'company', company.id, { name: 'Viewer was here' }), 403);
    expectProblem(await call('DELETE', `/v1/companies/${company.id}`, { key: viewer }), 403);
    expectProblem(await patchRecord(t, 'company', company.id, { name: 'Stale' }, 99), 412);
    expectProblem(await patchRecord(w.key, 'lead', w.lead.id, { title: 'Edit a converted lead' }), 409);
    expectProblem(await convert(w.key, w.lead.id, { contact: { create: {} } }), 409);
    expect(await outboxItems(t.id)).toEqual(before.t);
    expect(await outboxItems(w.tenant.id)).toEqual(before.w);
  });

  it("keeps a deleted record's tombstone and history after its partition is purged", async () => {
    const t = await newTenant();
    const company = await create(t, 'company', { name: 'Doomed' });
    const contact = await create(t, 'contact', { firstName: 'Left', companyId: company.id });
    expectStatus(await deleteRecord(t, 'company', company.id), 204);
    expectProblem(await call('GET', `/v1/companies/${company.id}`, { key: t.ownerKey }), 404);
    const left = await recordItems(t.id, 'company', company.id);
    // Timeline and back-links are gone with the record; its events stay, expiring by TTL in 30 days.
    expect(left.map((i) => String(i.sk).slice(0, 4))).toEqual(['OUT#', 'OUT#']);
    for (const i of left) {
      expect(i.ttl).toBe(Math.floor(Date.parse(i.event.occurredAt) / 1000) + 30 * 24 * 3600);
    }
    const got = await events(t);
    expect(got.map((e) => `${e.type} ${e.data.id}`)).toEqual([
      `company.created ${company.id}`,
      `contact.created ${contact.id}`,
      // The cascade unlinks the contact first: a change of the contact, announced as one.
      `contact.updated ${contact.id}`,
      `company.deleted ${company.id}`,
    ]);
    expect(got[2].previous).toEqual({ companyId: company.id });
    expect(got[3].data).toEqual({ id: company.id, version: 2 });
  });

  it('announces a conversion as lead.converted with the created records, and its undo with tombstones', async () => {
    const w = await world();
    const c = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} }, company: { create: {} } }));
    const converted = await events(w.key);
    const byType = (list: any[], type: string) => list.filter((e) => e.type === type);
    expect(converted.map((e) => e.type).sort()).toEqual(
      ['company.created', 'contact.created', 'lead.converted', 'lead.created'].sort(),
    );
    const [lead] = byType(converted, 'lead.converted');
    expect(lead).toMatchObject({
      conversionId: c.id,
      data: { id: w.lead.id, convertedTo: { conversionId: c.id, contactId: c.contactId, companyId: c.companyId } },
      previous: { stageId: w.lead.stageId, convertedTo: null },
    });
    expect(byType(converted, 'contact.created')[0]).toMatchObject({
      source: 'conversion',
      conversionId: c.id,
      data: { id: c.contactId, companyId: c.companyId },
    });
    expect(byType(converted, 'lead.updated')).toEqual([]);

    expectStatus(await undo(w.key, w.lead.id, c.id), 200);
    const after = (await events(w.key)).slice(converted.length);
    expect(after.map((e) => e.type).sort()).toEqual(
      ['company.deleted', 'contact.deleted', 'lead.conversion_undone'].sort(),
    );
    const [undone] = byType(after, 'lead.conversion_undone');
    expect(undone.data.convertedTo).toBeUndefined();
    expect(undone.data.stageId).toBe(w.lead.stageId);
    expect(undone.previous).toMatchObject({ convertedTo: { conversionId: c.id } });
    expect(byType(after, 'contact.deleted')[0].data).toEqual({ id: c.contactId, version: 2 });
    // A refused undo (already undone) writes nothing more.
    expectProblem(await undo(w.key, w.lead.id, c.id), 409);
    expect((await events(w.key)).length).toBe(converted.length + after.length);
  });

  it('announces a lead from a web form as lead.created with source intake and the form id', async () => {
    const t = await newTenant();
    const form = await newForm(t);
    const res = expectStatus(await postSigned(form, { name: 'Ann Form', email: uniqueEmail() }), 201);
    const got = await events(t, 'type=lead.created');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      source: 'intake',
      formId: form.id,
      submissionId: expect.stringMatching(/^sub_/),
      actor: { kind: 'system', name: 'intake' },
      data: { id: res.body.leadId ?? expect.any(String), name: 'Ann Form' },
    });
  });
});

describe('the feed', () => {
  it('pages oldest first by default and newest first with order=desc, every event once', async () => {
    const t = await newTenant();
    for (let i = 0; i < 7; i++) await create(t, 'company', { name: `Co ${i}` });
    const pages: any[][] = [];
    let cursor: string | null = null;
    do {
      const res: { body: any } = expectStatus(await feed(t, `limit=3${cursor ? `&cursor=${enc(cursor)}` : ''}`), 200);
      pages.push(res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const names = pages.flat().map((e) => e.data.name);
    expect(names).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Co ${i}`));
    const desc = (await events(t, 'order=desc')).map((e) => e.data.name);
    expect(desc).toEqual([...names].reverse());
    const from = pages[1][0].occurredAt;
    expect((await events(t, `from=${enc(from)}`)).every((e) => e.occurredAt >= from)).toBe(true);
  });

  it("never shows tenant A's events to tenant B, by type or with A's cursor", async () => {
    const a = await newTenant();
    const b = await newTenant();
    for (let i = 0; i < 3; i++) await create(a, 'lead');
    expect(await events(b)).toEqual([]);
    expect(await events(b, 'type=lead.created')).toEqual([]);
    const first = expectStatus(await feed(a, 'limit=1'), 200).body;
    expect(first.nextCursor).toEqual(expect.any(String));
    const stolen = await feed(b, `limit=1&cursor=${enc(first.nextCursor)}`);
    expectProblem(stolen, 400);
    expect(errorPaths(stolen)).toContain('query.cursor');
    // Nor with the cursor on another query of A's own.
    expectProblem(await feed(a, `limit=1&type=lead.created&cursor=${enc(first.nextCursor)}`), 400);
  });

  it('lets every role read it, and refuses bad parameters with 400', async () => {
    const t = await newTenant();
    await create(t, 'deal');
    expect(await events(await newKey(t, 'viewer'))).toHaveLength(1);
    const badType = await feed(t, 'type=deal.exploded');
    expectValidation(badType, 'query.type');
    expect(JSON.stringify(badType.body)).toContain('lead.conversion_undone');
    expectValidation(await feed(t, 'from=2026-12-02&to=2026-12-01'), 'query.from', 'query.to');
    expectValidation(await feed(t, 'from=yesterday'), 'query.from');
    // Wholly before the 30-day window: nothing, not an error.
    expect(expectStatus(await feed(t, 'to=1970-01-01'), 200).body).toEqual({ items: [], nextCursor: null });
    expectValidation(await feed(t, 'cursor=garbage'), 'query.cursor');
    expectValidation(await feed(t, 'limit=0'), 'query.limit');
    expectValidation(await feed(t, 'order=sideways'), 'query.order');
    expectProblem(await call('GET', '/v1/events'), 401);
  });
});
