import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import {
  approverUsers,
  audit,
  createRoute,
  decide,
  ended,
  getDocument,
  myTasks,
  newDocument,
  startApproval,
  tasksOf,
  worldWith,
  type Member,
  type World,
} from './helpers';

describe('an approval along a two-stage route', () => {
  let w: World;
  let legal: Member;
  let finance: Member;
  let route: any;

  beforeAll(async () => {
    [w, [legal, finance], route] = await worldWith(2, (legalId, financeId) => ({
      name: 'Contracts',
      stages: [
        { name: 'Legal', mode: 'all', approvers: approverUsers(legalId) },
        { name: 'Finance', mode: 'all', approvers: approverUsers(financeId) },
      ],
    }));
  });

  it('runs stage by stage, then marks the pinned document version approved', async () => {
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    expect(approval).toMatchObject({
      status: 'running',
      document: { id: doc.id, version: 1, sha256: doc.sha256 },
      route: { id: route.id, version: 1 },
    });
    expect((await getDocument(w.owner.key, doc.id)).status).toBe('in_approval');

    const [legalTask] = await tasksOf(legal.key, approval.id);
    expect(legalTask).toMatchObject({
      approvalId: approval.id,
      documentId: doc.id,
      stage: 'Legal',
      assigneeId: legal.userId,
      status: 'open',
    });
    expect(JSON.stringify(legalTask)).not.toMatch(/token/i);
    expect((await myTasks(finance.key)).filter((t) => t.approvalId === approval.id)).toEqual([]);

    const decided = expectStatus(await decide(legal.key, legalTask.id, 'approve', 'Fine by legal'), 200, 'deciding');
    expect(decided.body).toMatchObject({
      status: 'approved',
      decision: { decision: 'approved', by: legal.userId, comment: 'Fine by legal' },
    });

    const [financeTask] = await tasksOf(finance.key, approval.id);
    expect(financeTask.stage).toBe('Finance');
    expectStatus(await decide(finance.key, financeTask.id, 'approve'), 200, 'deciding');

    const done = await ended(w.owner.key, approval.id);
    expect(done.approval).toMatchObject({
      status: 'approved',
      stageOutcomes: ['approved', 'approved'],
      outcome: { status: 'approved', by: [legal.userId, finance.userId] },
    });
    expect(await getDocument(w.owner.key, doc.id)).toMatchObject({
      status: 'approved',
      approved: {
        approvalId: approval.id,
        version: doc.currentVersion,
        sha256: doc.sha256,
        by: [legal.userId, finance.userId],
        at: done.approval.outcome.at,
      },
    });
    const types = done.trail.map((e: any) => e.type);
    expect(types[0]).toBe('started');
    expect(types).toEqual(expect.arrayContaining(['stage_opened', 'decided', 'stage_closed', 'approved']));
    expect(types.at(-1)).toBe('approved');
  });

  it('a rejection ends the approval with its comment and returns the document to draft; a new approval may start', async () => {
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [task] = await tasksOf(legal.key, approval.id);
    expectStatus(await decide(legal.key, task.id, 'reject', 'Clause 7 must go'), 200, 'rejecting');
    const done = await ended(w.owner.key, approval.id);
    expect(done.approval).toMatchObject({
      status: 'rejected',
      stageOutcomes: ['rejected', null],
      outcome: { status: 'rejected', by: [legal.userId], comment: 'Clause 7 must go' },
    });
    expect((await getDocument(w.owner.key, doc.id)).status).toBe('draft');
    const again = await startApproval(w.owner.key, doc.id, route.id);
    expect(again.status).toBe('running');
    const list = expectStatus(
      await call('GET', `/v1/documents/${doc.id}/approvals`, { key: w.owner.key }),
      200,
      'listing',
    );
    expect(list.body.items.map((a: any) => [a.id, a.status])).toEqual([
      [approval.id, 'rejected'],
      [again.id, 'running'],
    ]);
  });

  it('an `any` stage stops at the first approval; the other tasks close as not required', async () => {
    const [a, b, c] = await Promise.all([w.member(), w.member(), w.member()]);
    const anyRoute = await createRoute(w.owner.key, {
      name: 'Any of three',
      stages: [{ name: 'Board', mode: 'any', approvers: approverUsers(a.userId, b.userId, c.userId) }],
    });
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, anyRoute.id);
    const [task] = await tasksOf(b.key, approval.id);
    expectStatus(await decide(b.key, task.id, 'approve'), 200, 'approving');
    const done = await ended(w.owner.key, approval.id);
    expect(done.approval.status).toBe('approved');
    expect(done.tasks.map((t: any) => [t.assigneeId, t.status])).toEqual([
      [a.userId, 'not_required'],
      [b.userId, 'approved'],
      [c.userId, 'not_required'],
    ]);
    expect(await myTasks(a.key)).toEqual([]);
  });

  it('an atLeast stage needs n approvals and fails as soon as n can no longer be reached', async () => {
    const people = await Promise.all([w.member(), w.member(), w.member()]);
    const majority = await createRoute(w.owner.key, {
      name: 'Two of three',
      stages: [{ name: 'Majority', mode: { atLeast: 2 }, approvers: approverUsers(...people.map((p) => p.userId)) }],
    });
    const approvedDoc = await newDocument(w.owner.key);
    const yes = await startApproval(w.owner.key, approvedDoc.id, majority.id);
    const rejectedDoc = await newDocument(w.owner.key);
    const no = await startApproval(w.owner.key, rejectedDoc.id, majority.id);

    const [p0, p1, p2] = await Promise.all(people.map((p) => tasksOf(p.key, yes.id)));
    expectStatus(await decide(people[0].key, p0[0].id, 'approve'), 200, 'approving');
    expectStatus(await decide(people[1].key, p1[0].id, 'reject'), 200, 'rejecting');
    expect((await audit(w.owner.key, yes.id)).approval.status).toBe('running');
    expectStatus(await decide(people[2].key, p2[0].id, 'approve'), 200, 'approving');
    expect((await ended(w.owner.key, yes.id)).approval.status).toBe('approved');

    const [q0, q1] = await Promise.all(people.slice(0, 2).map((p) => tasksOf(p.key, no.id)));
    expectStatus(await decide(people[0].key, q0[0].id, 'reject'), 200, 'rejecting');
    expectStatus(await decide(people[1].key, q1[0].id, 'reject'), 200, 'rejecting');
    const done = await ended(w.owner.key, no.id);
    expect(done.approval.status).toBe('rejected');
    expect(done.tasks.map((t: any) => t.status)).toEqual(['rejected', 'rejected', 'not_required']);
  });

  it('a role approver gives one shared task any holder of the role may decide, viewers included when named', async () => {
    const viewer = await w.member('viewer');
    const viewers = await createRoute(w.owner.key, {
      name: 'Anyone may sign',
      stages: [{ name: 'Ack', mode: 'all', approvers: [{ role: 'viewer' }] }],
    });
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, viewers.id);
    const tasks = await tasksOf(viewer.key, approval.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ assigneeId: null, assigneeRole: 'viewer' });
    expectStatus(await decide(viewer.key, tasks[0].id, 'approve'), 200, 'a viewer approving');
    expect((await ended(w.owner.key, approval.id)).approval.status).toBe('approved');
  });
});
