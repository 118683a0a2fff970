import { describe, expect, it } from 'vitest';
import { call, newKey, newTenant } from '../api-client';
import {
  create,
  deleteRecord,
  expectProblem,
  getRecord,
  listAll,
  listRecords,
  minimal,
  patchRecord,
  PATH,
  tenantState,
  timeline,
  type Entity,
} from './helpers';
import { expectStatus } from '#test/support/http-client';

const ENTITIES: Entity[] = ['lead', 'contact', 'company', 'deal'];

describe('record access by role', () => {
  it('lets a viewer read every entity but refuses every write with 403, changing nothing', async () => {
    const t = await newTenant();
    const viewer = await newKey(t, 'viewer', 'vic');
    const records = [];
    for (const entity of ENTITIES) records.push({ entity, rec: await create(t, entity) });
    // One snapshot around every refused write: each snapshot scans the shared table.
    const before = await tenantState(t.id);
    for (const { entity, rec } of records) {
      expectStatus(await getRecord(viewer, entity, rec.id), 200);
      expectStatus(await listRecords(viewer, entity), 200);
      expectStatus(await call('GET', `/v1/${PATH[entity]}/${rec.id}/timeline`, { key: viewer }), 200);
      expectProblem(await call('POST', `/v1/${PATH[entity]}`, { key: viewer, body: minimal[entity]() }), 403);
      expectProblem(
        await patchRecord(
          viewer,
          entity,
          rec.id,
          entity === 'contact' ? { firstName: 'X' } : entity === 'company' ? { name: 'X' } : { title: 'X' },
        ),
        403,
      );
      expectProblem(await deleteRecord(viewer, entity, rec.id), 403);
    }
    expect(await tenantState(t.id)).toEqual(before);
    for (const { entity, rec } of records) {
      expect((await getRecord(t, entity, rec.id)).body).toMatchObject({ version: 1 });
    }
  });

  it("lets a member create records owned by them and change their own, but not another member's", async () => {
    const t = await newTenant();
    const alice = await newKey(t, 'member', 'alice');
    const bob = await newKey(t, 'member', 'bob');
    const mine = await create(alice, 'deal', { title: 'Alice deal' });
    expect(mine).toMatchObject({ ownerId: 'alice', createdBy: 'alice' });
    const edited = await patchRecord(alice, 'deal', mine.id, { title: 'Alice deal v2' });
    expectStatus(edited, 200);
    expect(edited.body).toMatchObject({ title: 'Alice deal v2', version: 2, updatedBy: 'alice' });

    const bobs = await create(bob, 'deal', { title: 'Bob deal' });
    const tl = await timeline(t, 'deal', bobs.id);
    const before = await tenantState(t.id);
    expectProblem(await patchRecord(alice, 'deal', bobs.id, { title: 'Stolen' }), 403);
    expectProblem(await patchRecord(alice, 'deal', bobs.id, { ownerId: 'alice' }), 403);
    expectProblem(await deleteRecord(alice, 'deal', bobs.id), 403);
    expect(await tenantState(t.id)).toEqual(before);
    expect((await getRecord(alice, 'deal', bobs.id)).body).toMatchObject({
      title: 'Bob deal',
      ownerId: 'bob',
      version: 1,
    });
    expect(await timeline(t, 'deal', bobs.id)).toEqual(tl);
    expectStatus(await deleteRecord(alice, 'deal', mine.id), 204);
  });

  it('lets a member read records of other owners', async () => {
    const t = await newTenant();
    const alice = await newKey(t, 'member', 'alice');
    const ownerLead = await create(t, 'lead', { title: 'Owner lead' });
    expectStatus(await getRecord(alice, 'lead', ownerLead.id), 200);
    expect((await listAll(alice, '/v1/leads')).map((l) => l.id)).toEqual([ownerLead.id]);
  });

  it('lets a member change and delete unowned records', async () => {
    const t = await newTenant();
    const alice = await newKey(t, 'member', 'alice');
    const unowned = await create(t, 'company', { name: 'Shared', ownerId: null });
    expect(unowned.ownerId).toBeNull();
    const res = await patchRecord(alice, 'company', unowned.id, { industry: 'Shared things' });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ industry: 'Shared things', updatedBy: 'alice', version: 2 });
    expectStatus(await deleteRecord(alice, 'company', unowned.id), 204);
    expectProblem(await getRecord(t, 'company', unowned.id), 404);
  });

  it('refuses a member writing a record that the owner key holds', async () => {
    const t = await newTenant();
    const alice = await newKey(t, 'member', 'alice');
    const ownersContact = await create(t, 'contact', { firstName: 'Owned' });
    expect(ownersContact.ownerId).toBe(t.ownerUserId);
    expectProblem(await patchRecord(alice, 'contact', ownersContact.id, { firstName: 'Mine now' }), 403);
    expect((await getRecord(t, 'contact', ownersContact.id)).body).toMatchObject({ firstName: 'Owned', version: 1 });
  });

  it("lets admins and owners change and delete anyone's records", async () => {
    const t = await newTenant();
    const alice = await newKey(t, 'member', 'alice');
    const admin = await newKey(t, 'admin', 'adam');
    const lead = await create(alice, 'lead', { title: 'Alice lead' });
    const byAdmin = await patchRecord(admin, 'lead', lead.id, { title: 'Admin edit', ownerId: 'bob' });
    expectStatus(byAdmin, 200);
    expect(byAdmin.body).toMatchObject({ title: 'Admin edit', ownerId: 'bob', updatedBy: 'adam', createdBy: 'alice' });
    expectProblem(await patchRecord(alice, 'lead', lead.id, { title: 'Alice again' }), 403);
    const byOwner = await patchRecord(t, 'lead', lead.id, { title: 'Owner edit' });
    expectStatus(byOwner, 200);
    expectStatus(await deleteRecord(admin, 'lead', lead.id), 204);
    const other = await create(alice, 'contact', { firstName: 'A' });
    expectStatus(await deleteRecord(t, 'contact', other.id), 204);
  });

  it('answers 401 without a key', async () => {
    const t = await newTenant();
    const lead = await create(t, 'lead');
    expectStatus(await call('GET', `/v1/leads/${lead.id}`), 401);
    expectStatus(await call('POST', '/v1/leads', { body: { title: 'anon' } }), 401);
    expectStatus(await call('GET', '/v1/pipelines'), 401);
    expectStatus(await call('GET', '/v1/fields/lead'), 401);
    expect(await listAll(t, '/v1/leads')).toHaveLength(1);
  });
});
