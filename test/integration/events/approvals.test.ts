import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import {
  approverUsers,
  createRoute,
  decide,
  ended,
  newDocument,
  startApproval,
  tasksOf,
  worldWith,
} from '../approvals/helpers';
import { feed, outboxItems } from './helpers';

// Approval events through GET /v1/events: approval.started with the start, approval.decided with
// each decision, approval.completed with the end, each committed with its change; a refused
// decision writes none; they are listed to whoever may read the approval's document.

const approvalEvents = async (key: string) => (await feed(key)).filter((e) => e.type.startsWith('approval.'));

describe('approval events', () => {
  it('announce the start, each decision (with who) and the end (rejected), once each', async () => {
    const [w, [legal, finance]] = await worldWith(2);
    const route = await createRoute(w.owner.key, {
      name: 'Contracts',
      stages: [
        { name: 'Legal', mode: 'all', approvers: approverUsers(legal.userId) },
        { name: 'Finance', mode: 'all', approvers: approverUsers(finance.userId) },
      ],
    });
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [legalTask] = await tasksOf(legal.key, approval.id);
    // Refused: not the assignee. Then decided, then refused again (already decided).
    expectStatus(await decide(finance.key, legalTask.id, 'reject'), [403, 404]);
    expectStatus(await decide(legal.key, legalTask.id, 'approve', 'Fine by legal'), 200);
    // The task's own events only, once its decision is announced: the workflow opens the next stage meanwhile.
    const ofLegalTask = async () =>
      (await outboxItems(w.tenant.id)).filter(
        (i) => (i.event as { subject: { id: string } }).subject.id === legalTask.id,
      ).length;
    for (const until = Date.now() + 10_000; (await ofLegalTask()) === 0 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 100));
    const before = await ofLegalTask();
    expect(before).toBe(1);
    expectStatus(await decide(legal.key, legalTask.id, 'reject'), 409);
    expect(await ofLegalTask()).toBe(before);
    const [financeTask] = await tasksOf(finance.key, approval.id);
    expectStatus(await decide(finance.key, financeTask.id, 'reject', 'Too dear'), 200);
    const done = await ended(w.owner.key, approval.id);

    const got = await approvalEvents(w.owner.key);
    expect(got.map((e) => e.type)).toEqual([
      'approval.started',
      'approval.decided',
      'approval.decided',
      'approval.completed',
    ]);
    const [started, approved, rejected, completed] = got;
    expect(started).toMatchObject({
      tenantId: w.tenant.id,
      actor: { kind: 'key', userId: w.owner.userId },
      // As the start committed it: the workflow's execution is recorded right after.
      data: { ...approval, status: 'running', executions: 0 },
    });
    expect(approved).toMatchObject({
      actor: { userId: legal.userId },
      data: {
        taskId: legalTask.id,
        approvalId: approval.id,
        documentId: doc.id,
        stage: 'Legal',
        stageIndex: 0,
        status: 'approved',
        decision: { decision: 'approved', by: legal.userId, comment: 'Fine by legal' },
      },
    });
    expect(rejected.data).toMatchObject({
      taskId: financeTask.id,
      status: 'rejected',
      decision: { decision: 'rejected', by: finance.userId, comment: 'Too dear' },
    });
    expect(completed.data).toMatchObject({
      id: approval.id,
      status: 'rejected',
      outcome: { status: 'rejected', by: [finance.userId] },
    });
    expect(completed.data.outcome).toEqual(done.approval.outcome);
  });

  it('announce a voided end when a new version voids the approval, and follow the document’s access', async () => {
    const [w, [approver, outsider]] = await worldWith(2);
    const route = await createRoute(w.owner.key, {
      name: 'One step',
      stages: [{ name: 'Check', mode: 'all', approvers: approverUsers(approver.userId) }],
    });
    const doc = await newDocument(w.owner.key);
    expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key: w.owner.key,
        body: { visibility: 'restricted', acl: [{ userId: approver.userId, access: 'read' }] },
        headers: { 'if-match': `"${doc.version}"` },
      }),
      200,
    );
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    await tasksOf(approver.key, approval.id);
    await uploadDocument(w.owner.key, 'a second version', { documentId: doc.id });
    await ended(w.owner.key, approval.id);
    const got = await approvalEvents(w.owner.key);
    expect(got.map((e) => e.type)).toEqual(['approval.started', 'approval.completed']);
    expect(got[1].data).toMatchObject({ id: approval.id, status: 'voided', outcome: { status: 'voided' } });
    // The approver reads the document, so its approval's events; a member it excludes reads none.
    expect((await approvalEvents(approver.key)).map((e) => e.id)).toEqual(got.map((e) => e.id));
    expect(await approvalEvents(outsider.key)).toEqual([]);
  });
});
