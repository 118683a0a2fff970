import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintActionLink } from '#core/approvals/action-links';
import { sha256 } from '#core/tenancy/key-secret';
import { dynamoActionLinks } from '#store/approvals/action-link-store';
import {
  actionLinkDownload,
  actionLinkFile,
  decideByActionLink,
  delegateByActionLink,
  delegationCandidates,
  resolveActionLink,
  type ActionLinkPage,
} from '#store/approvals/action-links';
import { documentClient, tableName } from '#store/dynamo/client';
import { actionLinkHashPk, META, taskPk } from '#store/dynamo/keys';
import { adminKey, call, expectStatus } from '../api-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { mailTo, unique } from '../sending/mailbox';
import { audit, createRoute, newDocument, startApproval, tasksOf, world, type World } from './helpers';
import { eventually } from '#test/support/eventually';

// The approver's action links, driven as the approver's page drives them: the token comes out of
// the emailed button, the store functions the pages Lambda calls take it from there. Setup goes
// through the HTTP API as a client's would.

beforeAll(() => useLocalRuntimeFromThisProcess());

interface Approver {
  userId: string;
  email: string;
  key: string;
  keyId: string;
}

let n = 0;
async function approver(w: World, role = 'member', name = 'Ada Approver'): Promise<Approver> {
  const email = unique('approver');
  const userId = `usr-link-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await call('POST', '/v1/api-keys', {
    key: w.owner.key,
    body: { name: 'approver', role, userId, user: { name, email } },
  });
  const body = expectStatus(res, 201, 'creating a key').body;
  return { userId, email, key: body.secret as string, keyId: body.id as string };
}

const TOKEN = /\/a\/(dal_[A-Za-z0-9_-]{43})"/;

/** The tokens of the "Review and decide" buttons `who` was mailed, oldest first, once there are `count`. */
const tokensOf = (who: Approver, count = 1) =>
  eventually(async () => {
    const tokens = (await mailTo(who.email)).flatMap((m) => TOKEN.exec(m.body.html ?? '')?.[1] ?? []);
    return tokens.length >= count ? tokens : undefined;
  });

/** A one-approver approval whose notice went out: the world, the approver, its task and its token. */
async function assigned(
  stages: (a: Approver) => unknown[] = (a) => [{ name: 'Legal', mode: 'all', approvers: [{ userId: a.userId }] }],
) {
  const w = await world();
  const ada = await approver(w);
  const route = await createRoute(w.owner.key, { name: 'Contracts', stages: stages(ada) });
  const doc = await newDocument(w.owner.key);
  const approval = await startApproval(w.owner.key, doc.id, route.id);
  const [task] = await tasksOf(ada.key, approval.id);
  const [token] = await tokensOf(ada);
  return { w, ada, doc, approval, task, token };
}

const page = async (token: string, now?: Date): Promise<ActionLinkPage> => {
  const r = await resolveActionLink(token, now);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  return r.value;
};
const setTenantStatus = async (tenantId: string, status: string) =>
  expectStatus(await call('PATCH', `/v1/admin/tenants/${tenantId}`, { key: adminKey(), body: { status } }), 200);

describe('approval action links: minted per notice, stored as hashes, found by the token alone', () => {
  it('opens the task page for the emailed token; the store keeps the hash, never the token', async () => {
    const { w, ada, doc, approval, task, token } = await assigned();
    const p = await page(token);
    expect(p.link).toMatchObject({
      taskId: task.id,
      approvalId: approval.id,
      userId: ada.userId,
      documentId: doc.id,
      documentVersion: 1,
    });
    expect(p.link.id).toMatch(/^alk_/);
    expect(Date.parse(p.link.expiresAt) - Date.parse(p.link.createdAt)).toBe(14 * 86_400_000);
    expect(p.tenant.id).toBe(w.tenant.id);
    expect(p.task.id).toBe(task.id);
    expect(p.approval.id).toBe(approval.id);
    expect(p.document).toMatchObject({
      id: doc.id,
      name: 'contract.txt',
      version: 1,
      sha256: doc.sha256,
      contentType: 'text/plain',
    });
    expect(p.assigneeName).toBe('Ada Approver');
    expect(p.tasks.map((t) => t.id)).toEqual([task.id]);

    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alk)',
        ExpressionAttributeValues: { ':pk': taskPk(w.tenant.id, task.id), ':alk': 'ALK#' },
        ConsistentRead: true,
      }),
    );
    expect(Items).toHaveLength(1);
    expect(Items![0].hash).toBe(sha256(token));
    const { Item: pointer } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: actionLinkHashPk(sha256(token)), sk: META } }),
    );
    expect(pointer).toMatchObject({ tenantId: w.tenant.id, taskId: task.id, linkId: p.link.id });
    expect(JSON.stringify([Items, pointer])).not.toContain(token);

    // The document, as the page shows and downloads it.
    const file = await actionLinkFile(p);
    expect('bytes' in file && file.bytes.toString()).toMatch(/^contract /);
    expect(await actionLinkDownload(p)).toMatch(/^http/);
  });

  it('answers unknown for a wrong, tampered, truncated or never-issued token, and for a pointer naming another tenant', async () => {
    const a = await assigned();
    const b = await assigned();
    const flip = (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A');
    for (const wrong of [flip(a.token), a.token.slice(0, -2), `${a.token}x`, 'dal_', '', 'x'.repeat(5000), a.task.id])
      expect(await resolveActionLink(wrong)).toEqual({ ok: false, refusal: { reason: 'unknown' } });
    // Each token opens its own tenant's task only.
    expect((await page(b.token)).tenant.id).toBe(b.w.tenant.id);
    // A pointer forged to send tenant A's token to tenant B's link finds a link whose hash differs.
    const bLink = (await page(b.token)).link;
    const forged = 'dal_' + 'Q'.repeat(43);
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: actionLinkHashPk(sha256(forged)),
          sk: META,
          tenantId: b.w.tenant.id,
          taskId: b.task.id,
          linkId: bLink.id,
          userId: bLink.userId,
          approvalId: bLink.approvalId,
          documentId: bLink.documentId,
        },
      }),
    );
    expect(await resolveActionLink(forged)).toEqual({ ok: false, refusal: { reason: 'unknown' } });
    expect(await decideByActionLink(forged, { decision: 'approve' })).toEqual({
      ok: false,
      refusal: { reason: 'unknown' },
    });
  });

  it('expires 14 days after it was minted', async () => {
    const { token } = await assigned();
    const link = (await page(token)).link;
    const later = new Date(Date.parse(link.expiresAt) + 1000);
    expect(await resolveActionLink(token, later)).toEqual({
      ok: false,
      refusal: { reason: 'expired', expiresAt: link.expiresAt },
    });
    expect(await decideByActionLink(token, { decision: 'approve' }, later)).toMatchObject({
      ok: false,
      refusal: { reason: 'expired' },
    });
  });

  it("is revoked by an admin's DELETE /v1/approval-tasks/{id}/links (204), the task staying open", async () => {
    const { w, ada, task, approval, token } = await assigned();
    expectStatus(await call('DELETE', `/v1/approval-tasks/${task.id}/links`, { key: ada.key }), 403, 'a member');
    expectStatus(await call('DELETE', `/v1/approval-tasks/${task.id}/links`, { key: w.owner.key }), 204);
    expectStatus(await call('DELETE', `/v1/approval-tasks/${task.id}/links`, { key: w.owner.key }), 204, 'again');
    expectStatus(
      await call('DELETE', `/v1/approval-tasks/tsk_01JD0000000000000000000000/links`, { key: w.owner.key }),
      404,
    );
    const r = await resolveActionLink(token);
    expect(r).toMatchObject({ ok: false, refusal: { reason: 'revoked' } });
    expect(await decideByActionLink(token, { decision: 'approve' })).toMatchObject({
      ok: false,
      refusal: { reason: 'revoked' },
    });
    const trail = await audit(w.owner.key, approval.id);
    expect(trail.tasks[0].status).toBe('open');
    expect(trail.trail.filter((e: any) => e.type === 'action_links_revoked')).toHaveLength(1);
  });

  it('is revoked when its assignee is deactivated, and opens nothing while the tenant is suspended', async () => {
    const { w, ada, token } = await assigned();
    await setTenantStatus(w.tenant.id, 'suspended');
    expect(await resolveActionLink(token)).toEqual({ ok: false, refusal: { reason: 'unknown' } });
    expect(await decideByActionLink(token, { decision: 'approve' })).toEqual({
      ok: false,
      refusal: { reason: 'unknown' },
    });
    await setTenantStatus(w.tenant.id, 'active');
    expect((await resolveActionLink(token)).ok).toBe(true);
    expectStatus(await call('DELETE', `/v1/api-keys/${ada.keyId}`, { key: w.owner.key }), 204);
    expect(await resolveActionLink(token)).toMatchObject({ ok: false, refusal: { reason: 'revoked' } });
  });

  it('is revoked for the assignee an escalation took the task from; the escalation email opens it for the new one', async () => {
    const w = await world();
    const ada = await approver(w);
    const boss = await approver(w, 'member', 'Bea Boss');
    const route = await createRoute(w.owner.key, {
      name: 'Timed',
      stages: [
        {
          name: 'Legal',
          mode: 'all',
          approvers: [{ userId: ada.userId }],
          deadline: 'P2D',
          onDeadline: 'escalate',
          escalateTo: boss.userId,
        },
      ],
    });
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [adas] = await tokensOf(ada);
    // The test runtime shortens the deadline: the task moves to the boss, who is mailed a link.
    const [boss1] = await tokensOf(boss);
    const moved = await resolveActionLink(adas);
    expect(moved).toMatchObject({ ok: false, refusal: { reason: 'revoked' } });
    expect(await decideByActionLink(adas, { decision: 'approve' })).toMatchObject({
      ok: false,
      refusal: { reason: 'revoked' },
    });
    expect((await page(boss1)).link.userId).toBe(boss.userId);
    expect(await decideByActionLink(boss1, { decision: 'approve' })).toMatchObject({
      ok: true,
      task: { status: 'approved' },
    });
    expect((await audit(w.owner.key, approval.id)).tasks[0].decision).toMatchObject({ by: boss.userId });
  });

  it('refuses a link minted for an older document version (version-changed), deciding nothing', async () => {
    const { w, ada, doc, approval, task } = await assigned();
    // A link bound to another version than the document's current one (as a notice mailed before a
    // new version's upload voided the approval would be) opens nothing, even before the void lands.
    const {
      link,
      token: old,
      hash,
    } = mintActionLink(
      {
        tenantId: w.tenant.id,
        taskId: task.id,
        approvalId: approval.id,
        userId: ada.userId,
        documentId: doc.id,
        documentVersion: 0,
      },
      new Date(),
    );
    await dynamoActionLinks.save(link, hash);
    expect(await resolveActionLink(old)).toEqual({
      ok: false,
      refusal: { reason: 'version-changed', linkVersion: 0, currentVersion: 1 },
    });
    expect(await decideByActionLink(old, { decision: 'approve' })).toMatchObject({
      ok: false,
      refusal: { reason: 'version-changed' },
    });
    expect((await audit(w.owner.key, approval.id)).tasks[0].status).toBe('open');
  });
});

describe('deciding and delegating through a link: the API rules, the link as the actor', () => {
  it('approves: the task closes with actor {kind: link}, the next stage opens and is named', async () => {
    const w = await world();
    const ada = await approver(w);
    const bob = await approver(w, 'member', 'Bob Boss');
    const route = await createRoute(w.owner.key, {
      name: 'Contracts',
      stages: [
        { name: 'Legal', mode: 'all', approvers: [{ userId: ada.userId }] },
        { name: 'Board', mode: 'all', approvers: [{ userId: bob.userId }] },
      ],
    });
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [token] = await tokensOf(ada);
    const linkId = (await page(token)).link.id;
    const result = await decideByActionLink(token, { decision: 'approve', comment: 'Fine by legal.' });
    expect(result).toMatchObject({
      ok: true,
      replayed: false,
      task: { status: 'approved' },
      nextStage: { index: 1, name: 'Board' },
    });
    // The next stage's task opens, and its approver is mailed a link of their own.
    await tasksOf(bob.key, approval.id);
    const [bobs] = await tokensOf(bob);
    expect((await page(bobs)).task.stageName).toBe('Board');
    const trail = await audit(w.owner.key, approval.id);
    const decided = trail.tasks.find((t: any) => t.stage === 'Legal');
    expect(decided.decision).toMatchObject({ decision: 'approved', by: ada.userId, linkId, comment: 'Fine by legal.' });
    expect(decided.decision.keyId).toBeUndefined();
    expect(decided.history.at(-1)).toMatchObject({
      type: 'decided',
      actor: { kind: 'link', userId: ada.userId, linkId },
    });
    // The document's timeline names the link too.
    const timeline = expectStatus(
      await call('GET', `/v1/documents/${doc.id}/timeline`, { key: w.owner.key }),
      200,
    ).body;
    expect(timeline.items.find((e: any) => e.type === 'approval_decided')).toMatchObject({
      actor: { kind: 'link', userId: ada.userId, linkId },
    });
  });

  it('refuses a reject without a comment, deciding nothing; with one it rejects', async () => {
    const { w, approval, token } = await assigned();
    for (const comment of [undefined, '', '   '])
      expect(await decideByActionLink(token, { decision: 'reject', comment })).toMatchObject({
        ok: false,
        field: 'comment',
      });
    expect(await decideByActionLink(token, { decision: 'maybe' as 'approve' })).toMatchObject({
      ok: false,
      field: 'decision',
    });
    expect((await audit(w.owner.key, approval.id)).tasks[0].status).toBe('open');
    expect(await decideByActionLink(token, { decision: 'reject', comment: 'Clause 4 is wrong.' })).toMatchObject({
      ok: true,
      replayed: false,
      task: { status: 'rejected', decision: { comment: 'Clause 4 is wrong.' } },
    });
  });

  it('decides once on a double click: the second answers replayed, the trail holds one decision', async () => {
    const { w, approval, token } = await assigned();
    const [first, second] = await Promise.all([
      decideByActionLink(token, { decision: 'approve' }),
      decideByActionLink(token, { decision: 'approve' }),
    ]);
    expect([first, second].map((r) => r.ok && r.replayed).sort()).toEqual([false, true]);
    const again = await decideByActionLink(token, { decision: 'approve' });
    expect(again).toMatchObject({ ok: true, replayed: true, task: { status: 'approved' } });
    const trail = await audit(w.owner.key, approval.id);
    expect(trail.tasks[0].history.filter((e: any) => e.type === 'decided')).toHaveLength(1);
    // After the decision the page says the task is closed, by whom.
    expect(await resolveActionLink(token)).toMatchObject({
      ok: false,
      refusal: { reason: 'closed', taskStatus: 'approved' },
    });
  });

  it('answers closed, naming who decided, once another user decided the task', async () => {
    const w = await world();
    const ann = await approver(w, 'admin', 'Ann Admin');
    const olga = await approver(w, 'admin', 'Olga Other');
    const route = await createRoute(w.owner.key, {
      name: 'Board',
      stages: [{ name: 'Board', mode: 'any', approvers: [{ role: 'admin' }] }],
    });
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [annToken] = await tokensOf(ann);
    const [olgaToken] = await tokensOf(olga);
    expect((await page(annToken)).link.userId).toBe(ann.userId);
    expect((await page(olgaToken)).link.userId).toBe(olga.userId);
    const [task] = await tasksOf(olga.key, approval.id);
    expectStatus(
      await call('POST', `/v1/approval-tasks/${task.id}/decision`, { key: olga.key, body: { decision: 'approve' } }),
      200,
    );
    const refusal = { reason: 'closed', taskStatus: 'approved', decidedBy: olga.userId, decidedByName: 'Olga Other' };
    expect(await resolveActionLink(annToken)).toMatchObject({ ok: false, refusal });
    expect(await decideByActionLink(annToken, { decision: 'reject', comment: 'no' })).toMatchObject({
      ok: false,
      refusal,
    });
    const trail = await audit(w.owner.key, approval.id);
    expect(trail.tasks[0].history.filter((e: any) => e.type === 'decided')).toHaveLength(1);
  });

  it('delegates to an active user of the tenant, and refuses an unknown or inactive one', async () => {
    const { w, ada, approval, token } = await assigned();
    const carl = await approver(w, 'member', 'Carl Colleague');
    const gone = await approver(w, 'member', 'Gone Person');
    expectStatus(await call('DELETE', `/v1/api-keys/${gone.keyId}`, { key: w.owner.key }), 204);
    const candidates = await delegationCandidates(await page(token));
    expect(candidates).toContainEqual({ userId: carl.userId, name: 'Carl Colleague' });
    expect(candidates.map((c) => c.userId)).not.toContain(gone.userId);
    expect(candidates.map((c) => c.userId)).not.toContain(ada.userId);
    for (const toUserId of [gone.userId, 'usr-nobody-here', ada.userId, '<b>'])
      expect(await delegateByActionLink(token, { toUserId })).toMatchObject({ ok: false, field: 'toUserId' });
    const done = await delegateByActionLink(token, { toUserId: carl.userId, comment: 'Carl knows this deal.' });
    expect(done).toMatchObject({ ok: true, task: { delegateTo: carl.userId } });
    const trail = await audit(w.owner.key, approval.id);
    expect(trail.tasks[0].delegateTo).toBe(carl.userId);
    expect(trail.tasks[0].history.at(-1)).toMatchObject({
      type: 'delegated',
      actor: { kind: 'link', userId: ada.userId },
      details: { to: carl.userId, comment: 'Carl knows this deal.' },
    });
    // The delegate now sees it among their tasks.
    await tasksOf(carl.key, approval.id);
  });
});
