import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import {
  approverUsers,
  decide,
  ended,
  newDocument,
  startApproval,
  tasksOf,
  world,
  worldWith,
  type Member,
  type World,
} from './helpers';

describe('approvals refuse bad input', () => {
  let w: World;
  let approver: Member;
  let other: Member;
  let route: any;

  beforeAll(async () => {
    [w, [approver, other], route] = await worldWith(2, (approverId) => ({
      name: 'One step',
      stages: [{ name: 'Check', mode: 'all', approvers: approverUsers(approverId) }],
    }));
  });

  it("deciding someone else's task is 403 and changes nothing", async () => {
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [task] = await tasksOf(approver.key, approval.id);
    expectStatus(await decide(other.key, task.id, 'approve'), 403, 'deciding another user task');
    expectStatus(await decide(w.owner.key, task.id, 'approve'), 403, 'the owner deciding a user task');
    expect((await tasksOf(approver.key, approval.id))[0].status).toBe('open');
  });

  it('deciding a closed task is 409', async () => {
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [task] = await tasksOf(approver.key, approval.id);
    expectStatus(await decide(approver.key, task.id, 'approve'), 200, 'deciding');
    const again = expectStatus(await decide(approver.key, task.id, 'reject'), 409, 'deciding again');
    expect(again.body.code).toBe('CONFLICT');
    expect((await ended(w.owner.key, approval.id)).approval.status).toBe('approved');
  });

  it('the same decision retried with the same Idempotency-Key answers the original result', async () => {
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [task] = await tasksOf(approver.key, approval.id);
    const headers = { 'idempotency-key': randomUUID() };
    const first = expectStatus(await decide(approver.key, task.id, 'approve', 'ok', headers), 200, 'deciding');
    const second = expectStatus(await decide(approver.key, task.id, 'approve', 'ok', headers), 200, 'retrying');
    expect(second.body).toEqual(first.body);
    const done = await ended(w.owner.key, approval.id);
    expect(done.trail.filter((e: any) => e.type === 'decided')).toHaveLength(1);
  });

  it('starting an approval on a document already under approval is 409', async () => {
    const doc = await newDocument(w.owner.key);
    await startApproval(w.owner.key, doc.id, route.id);
    const res = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/approvals`, { key: w.owner.key, body: { routeId: route.id } }),
      409,
      'starting twice',
    );
    expect(res.body.detail).toMatch(/already under approval/);
  });

  it("another tenant's route is 404, to read and to start with", async () => {
    const stranger = await world();
    const doc = await newDocument(stranger.owner.key);
    expectStatus(await call('GET', `/v1/approval-routes/${route.id}`, { key: stranger.owner.key }), 404, 'reading');
    expectStatus(
      await call('POST', `/v1/documents/${doc.id}/approvals`, { key: stranger.owner.key, body: { routeId: route.id } }),
      404,
      'starting with it',
    );
    expectStatus(
      await call('PUT', `/v1/approval-routes/${route.id}`, {
        key: stranger.owner.key,
        body: { name: 'x', stages: [{ name: 's', mode: 'all', approvers: [{ role: 'owner' }] }] },
      }),
      404,
      'publishing it',
    );
  });

  it('an invalid route is 400 listing every problem', async () => {
    const res = expectStatus(
      await call('POST', '/v1/approval-routes', {
        key: w.owner.key,
        body: {
          name: 'Broken',
          stages: [
            { name: 'Empty', mode: 'all', approvers: [] },
            { name: 'Slow', mode: 'all', approvers: [{ role: 'admin' }], deadline: 'two days', onDeadline: 'remind' },
            {
              name: 'Up',
              mode: 'all',
              approvers: [{ role: 'admin' }],
              deadline: 'P1D',
              onDeadline: 'escalate',
              escalateTo: 'nobody-here',
            },
            { name: 'Many', mode: { atLeast: 3 }, approvers: [{ userId: 'ghost' }, { role: 'owner' }] },
          ],
        },
      }),
      400,
      'creating an invalid route',
    );
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(
      [
        'body.stages.0.approvers',
        'body.stages.1.deadline',
        'body.stages.2.escalateTo',
        'body.stages.3.approvers.0.userId',
        'body.stages.3.mode.atLeast',
      ].sort(),
    );
    const publish = expectStatus(
      await call('PUT', `/v1/approval-routes/${route.id}`, {
        key: w.owner.key,
        body: { name: 'x', stages: [{ name: 's', mode: 'any', approvers: [] }] },
      }),
      400,
      'publishing an invalid version',
    );
    expect(publish.body.errors).toEqual([{ path: 'body.stages.0.approvers', message: expect.any(String) }]);
    const versions = (await call('GET', `/v1/approval-routes/${route.id}/versions`, { key: w.owner.key })).body.items;
    expect(versions).toHaveLength(1);
  });

  it('a viewer starting an approval is 403; a member cannot manage routes', async () => {
    const viewer = await w.member('viewer');
    const doc = await newDocument(w.owner.key);
    expectStatus(
      await call('POST', `/v1/documents/${doc.id}/approvals`, { key: viewer.key, body: { routeId: route.id } }),
      403,
      'a viewer starting',
    );
    expectStatus(
      await call('POST', '/v1/approval-routes', {
        key: approver.key,
        body: { name: 'x', stages: [{ name: 's', mode: 'all', approvers: [{ role: 'owner' }] }] },
      }),
      403,
      'a member creating a route',
    );
  });

  it('an approval, its tasks and trail cannot be edited or deleted through the API', async () => {
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expectStatus(await call(method, `/v1/approvals/${approval.id}`, { key: w.owner.key, body: {} }), 405, method);
  });
});
