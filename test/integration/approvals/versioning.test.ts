import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import {
  approverUsers,
  createRoute,
  decide,
  ended,
  myTasks,
  newDocument,
  startApproval,
  tasksOf,
  worldWith,
  type Member,
  type World,
} from './helpers';

describe('route versions: a change applies to new approvals at once, running ones keep their version', () => {
  let w: World;
  let u1: Member;
  let u2: Member;

  beforeAll(async () => {
    [w, [u1, u2]] = await worldWith(2);
  });

  it('A started on v1 waits for U1 (U2 cannot decide it); B started after v2 waits for U2', async () => {
    const route = await createRoute(w.owner.key, {
      name: 'Offers',
      stages: [{ name: 'Sign-off', mode: 'all', approvers: approverUsers(u1.userId) }],
    });
    const docA = await newDocument(w.owner.key);
    const a = await startApproval(w.owner.key, docA.id, route.id);
    expect(a.route).toMatchObject({ id: route.id, version: 1 });
    const [taskA] = await tasksOf(u1.key, a.id);

    const v2 = expectStatus(
      await call('PUT', `/v1/approval-routes/${route.id}`, {
        key: w.owner.key,
        body: { name: 'Offers', stages: [{ name: 'Sign-off', mode: 'all', approvers: approverUsers(u2.userId) }] },
      }),
      200,
      'publishing v2',
    ).body;
    expect(v2.current.version).toBe(2);

    const docB = await newDocument(w.owner.key);
    const b = await startApproval(w.owner.key, docB.id, route.id);
    expect(b.route).toMatchObject({ id: route.id, version: 2 });
    const [taskB] = await tasksOf(u2.key, b.id);

    // A is untouched by v2: still U1's task, and U2 may not decide it.
    expect((await myTasks(u2.key)).map((t) => t.approvalId)).not.toContain(a.id);
    expect((await myTasks(u1.key)).map((t) => t.approvalId)).not.toContain(b.id);
    expectStatus(await decide(u2.key, taskA.id, 'approve'), 403, 'U2 deciding A');
    expectStatus(await decide(u1.key, taskB.id, 'approve'), 403, 'U1 deciding B');

    expectStatus(await decide(u1.key, taskA.id, 'approve'), 200, 'U1 deciding A');
    expectStatus(await decide(u2.key, taskB.id, 'approve'), 200, 'U2 deciding B');
    const [doneA, doneB] = await Promise.all([ended(w.owner.key, a.id), ended(w.owner.key, b.id)]);
    expect(doneA.approval).toMatchObject({ status: 'approved', route: { version: 1 }, outcome: { by: [u1.userId] } });
    expect(doneB.approval).toMatchObject({ status: 'approved', route: { version: 2 }, outcome: { by: [u2.userId] } });
    expect(doneA.approval.stages[0].approvers).toEqual([{ userId: u1.userId }]);

    const versions = expectStatus(
      await call('GET', `/v1/approval-routes/${route.id}/versions`, { key: w.owner.key }),
      200,
      'listing versions',
    ).body.items;
    expect(versions.map((v: any) => [v.version, v.stages[0].approvers])).toEqual([
      [2, [{ userId: u2.userId }]],
      [1, [{ userId: u1.userId }]],
    ]);
  });
});
