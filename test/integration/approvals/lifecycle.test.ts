import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { eventually } from '#test/support/eventually';
import { createDeal, uploadDocument } from '../documents/helpers';
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

describe('approval lifecycle: voiding, delegation, timelines, resume', () => {
  let w: World;
  let a: Member;
  let b: Member;
  let route: any;

  beforeAll(async () => {
    [w, [a, b], route] = await worldWith(2, (aId, bId) => ({
      name: 'Two signatures',
      stages: [{ name: 'Sign', mode: 'all', approvers: approverUsers(aId, bId) }],
    }));
  });

  it('a new document version uploaded while the approval runs voids it, with the reason', async () => {
    const doc = await newDocument(w.owner.key, 'offer v1');
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    await tasksOf(a.key, approval.id);
    const v2 = await uploadDocument(w.owner.key, 'offer v2', { documentId: doc.id, fileName: 'contract.txt' });
    expect(v2.currentVersion).toBe(2);
    const done = await ended(w.owner.key, approval.id);
    expect(done.approval).toMatchObject({ status: 'voided', document: { version: 1, sha256: doc.sha256 } });
    expect(done.approval.outcome.reason).toMatch(/Version 2 .* version 1/);
    expect(done.tasks.map((t: any) => t.status)).toEqual(['voided', 'voided']);
    expect(await myTasks(a.key)).toEqual([]);
    expect((await getDocument(w.owner.key, doc.id)).status).toBe('draft');
    const next = await startApproval(w.owner.key, doc.id, route.id);
    expect(next.document).toMatchObject({ version: 2, sha256: v2.sha256 });
  });

  it('a delegate decides for the assignee; the decision says by whom for whom', async () => {
    const delegate = await w.member();
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [task] = await tasksOf(a.key, approval.id);
    expectStatus(
      await call('POST', `/v1/approval-tasks/${task.id}/delegate`, {
        key: delegate.key,
        body: { userId: delegate.userId },
      }),
      403,
      'a stranger delegating to themselves',
    );
    expectStatus(
      await call('POST', `/v1/approval-tasks/${task.id}/delegate`, { key: a.key, body: { userId: 'not-a-user' } }),
      400,
      'delegating to an unknown user',
    );
    const delegated = expectStatus(
      await call('POST', `/v1/approval-tasks/${task.id}/delegate`, { key: a.key, body: { userId: delegate.userId } }),
      200,
      'delegating',
    ).body;
    expect(delegated.delegateTo).toBe(delegate.userId);
    const [listed] = await tasksOf(delegate.key, approval.id);
    expect(listed.id).toBe(task.id);
    const decided = expectStatus(await decide(delegate.key, task.id, 'approve', 'for A'), 200, 'the delegate deciding');
    expect(decided.body.decision).toMatchObject({ by: delegate.userId, onBehalfOf: a.userId });
    const trail = (await audit(w.owner.key, approval.id)).trail;
    expect(trail.find((e: any) => e.type === 'delegated')).toMatchObject({
      taskId: task.id,
      details: { to: delegate.userId },
    });
  });

  it('start, each decision and the outcome appear on the document timeline and on linked records', async () => {
    const deal = await createDeal(w.owner.key);
    const doc = await uploadDocument(w.owner.key, 'linked offer', { links: [{ entity: 'deal', id: deal.id }] });
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [ta] = await tasksOf(a.key, approval.id);
    const [tb] = await tasksOf(b.key, approval.id);
    expectStatus(await decide(a.key, ta.id, 'approve'), 200, 'A');
    expectStatus(await decide(b.key, tb.id, 'approve'), 200, 'B');
    await ended(w.owner.key, approval.id);
    const approvalTypes = (entries: Array<{ type: string }>) =>
      entries.map((e) => e.type).filter((t) => t.startsWith('approval_'));
    const expected = ['approval_started', 'approval_decided', 'approval_decided', 'approval_approved'];
    const docTimeline = expectStatus(
      await call('GET', `/v1/documents/${doc.id}/timeline?limit=50`, { key: w.owner.key }),
      200,
      'document timeline',
    );
    expect(approvalTypes([...docTimeline.body.items].reverse())).toEqual(expected);
    const dealTimeline = expectStatus(
      await call('GET', `/v1/deals/${deal.id}/timeline?limit=50`, { key: w.owner.key }),
      200,
      'deal timeline',
    );
    expect(approvalTypes([...dealTimeline.body.items].reverse())).toEqual(expected);
  });

  it('an approval whose execution is gone resumes at its stage and keeps the decisions made', async () => {
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [ta] = await tasksOf(a.key, approval.id);
    const [tb] = await tasksOf(b.key, approval.id);
    expectStatus(await decide(a.key, ta.id, 'approve', 'before the restart'), 200, 'A');
    expectStatus(
      await call('POST', `/v1/approvals/${approval.id}/resume`, { key: w.owner.key }),
      409,
      'resuming a running one',
    );

    // What a local restart does to an execution: it is gone.
    const sfn = new SFNClient({
      endpoint: inject('endpoints').sfn,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    await sfn.send(
      new StopExecutionCommand({
        executionArn: `arn:aws:states:us-east-1:000000000000:execution:approval:${approval.id}-1`,
      }),
    );
    sfn.destroy();

    const resumed = expectStatus(
      await call('POST', `/v1/approvals/${approval.id}/resume`, { key: w.owner.key }),
      200,
      'resuming',
    );
    expect(resumed.body).toMatchObject({ status: 'running', executions: 2, currentStage: 0 });
    await eventually(async () =>
      (await audit(w.owner.key, approval.id)).trail.some(
        (e: any) => e.type === 'execution_started' && e.details.name.endsWith('-2'),
      ),
    );
    expectStatus(await decide(b.key, tb.id, 'approve'), 200, 'B after the resume');
    const done = await ended(w.owner.key, approval.id);
    expect(done.approval).toMatchObject({ status: 'approved', outcome: { by: [a.userId, b.userId] } });
    expect(done.trail.map((e: any) => e.type)).toContain('resumed');
    expectStatus(
      await call('POST', `/v1/approvals/${approval.id}/resume`, { key: w.owner.key }),
      409,
      'resuming an ended one',
    );
  });
});

describe('deadlines (token timeouts, shortened by the local runtime for tests)', () => {
  let w: World;
  let slow: Member;
  let boss: Member;

  beforeAll(async () => {
    [w, [slow, boss]] = await worldWith(2);
  });

  const withDeadline = async (onDeadline: string, extra = {}) => {
    const route = await createRoute(w.owner.key, {
      name: `Deadline ${onDeadline}`,
      stages: [
        { name: 'Timed', mode: 'all', approvers: approverUsers(slow.userId), deadline: 'P2D', onDeadline, ...extra },
      ],
    });
    const doc = await newDocument(w.owner.key);
    return startApproval(w.owner.key, doc.id, route.id);
  };

  it('remind: the task stays open and each reminder is in the audit trail', async () => {
    const approval = await withDeadline('remind');
    const [task] = await tasksOf(slow.key, approval.id);
    await eventually(
      async () =>
        (await audit(w.owner.key, approval.id)).trail.filter((e: any) => e.type === 'deadline_reminded').length >= 2,
    );
    expectStatus(await decide(slow.key, task.id, 'approve'), 200, 'deciding after reminders');
    expect((await ended(w.owner.key, approval.id)).approval.status).toBe('approved');
  });

  it('escalate: the task moves to escalateTo, who decides it; the assignee no longer can', async () => {
    const approval = await withDeadline('escalate', { escalateTo: boss.userId });
    const [task] = await tasksOf(slow.key, approval.id);
    const [escalated] = await tasksOf(boss.key, approval.id);
    expect(escalated).toMatchObject({ id: task.id, assigneeId: boss.userId });
    expectStatus(await decide(slow.key, task.id, 'approve'), 403, 'the original assignee');
    expectStatus(await decide(boss.key, task.id, 'approve'), 200, 'the escalation target');
    const done = await ended(w.owner.key, approval.id);
    expect(done.approval.status).toBe('approved');
    expect(done.trail.find((e: any) => e.type === 'deadline_escalated')).toMatchObject({
      details: { to: { userId: boss.userId } },
    });
  });

  it('reject: the approval ends rejected by the deadline', async () => {
    const approval = await withDeadline('reject');
    const done = await ended(w.owner.key, approval.id);
    expect(done.approval).toMatchObject({ status: 'rejected', outcome: { by: ['system:deadline'] } });
    expect(done.tasks[0]).toMatchObject({ status: 'rejected', decision: { by: 'system:deadline' } });
    expect(done.trail.map((e: any) => e.type)).toEqual(expect.arrayContaining(['deadline_rejected', 'rejected']));
  });
});
