import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '#core/ids';
import type { TimelineEntry } from '#core/records/record';
import { timelineItem } from '#store/documents/items';
import { documentClient } from '#store/dynamo/client';
import { auditSk, recordPk, tenantPk } from '#store/dynamo/keys';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { adminKey, call, expectStatus, newTenant, type ApiResponse, type TestTenant } from '../api-client';
import { errorPaths, expectValidation } from '../records/helpers';
import { approverUsers, createRoute, decide, newDocument, startApproval, tasksOf } from '../approvals/helpers';
import { issueKey, type IssuedKey } from './helpers';

// An admin cannot act as others. Keys for users of admin standing or above are
// the owner's (or their own) to issue, an email is the owner's or its user's to change, and every
// timeline, trail and audit entry names the key that acted beside the user.

const keyRequest = (key: string, body: Record<string, unknown>) =>
  call('POST', '/v1/api-keys', { key, body: { name: 'k', role: 'member', ...body } });

/** A 403 naming exactly `paths` as the fields the caller may not set. */
async function forbiddenAt(res: Promise<ApiResponse>, ...paths: string[]): Promise<void> {
  const answer = await res;
  expectValidation(answer, 403, ...paths);
  expect(errorPaths(answer)).toEqual([...paths].sort());
}

async function userOf(t: TestTenant, userId: string): Promise<any> {
  return expectStatus(await call('GET', `/v1/users/${userId}`, { key: t.ownerKey }), 200).body;
}

async function keysOf(t: TestTenant): Promise<any[]> {
  return expectStatus(await call('GET', '/v1/api-keys?limit=100', { key: t.ownerKey }), 200).body.items;
}

describe('an admin acting as others (the probe)', () => {
  it('cannot issue a key for an approver of admin standing to decide their task', async () => {
    const t = await newTenant('Probe', 'standard', 10);
    const admin = await issueKey(t, { role: 'admin', userId: 'adam' });
    const approver = await issueKey(t, { role: 'admin', userId: 'fiona', user: { email: 'fiona@acme.example' } });
    const route = await createRoute(t.ownerKey, {
      name: 'Finance',
      stages: [{ name: 'Finance', mode: 'all', approvers: approverUsers(approver.userId) }],
    });
    const doc = await newDocument(t.ownerKey);
    const approval = await startApproval(t.ownerKey, doc.id, route.id);

    const before = await keysOf(t);
    await forbiddenAt(keyRequest(admin.secret, { userId: approver.userId, role: 'member' }), 'body.userId');
    await forbiddenAt(keyRequest(admin.secret, { userId: t.ownerUserId, role: 'viewer' }), 'body.userId');
    expect(await keysOf(t)).toHaveLength(before.length);
    // The approver's task is still theirs alone: the admin's own key cannot decide it.
    // The stage's tasks open just after the approval starts (its workflow opens them), so wait for them.
    const [task] = await tasksOf(approver.secret, approval.id);
    expect(task.approvalId).toBe(approval.id);
    expectStatus(await decide(admin.secret, task.id, 'approve'), 403);
  });

  it("cannot change the owner's email through a key request, nor a member's; nothing changes", async () => {
    const t = await newTenant('Probe', 'standard', 10);
    const admin = await issueKey(t, { role: 'admin', userId: 'adam' });
    const member = await issueKey(t, { role: 'member', userId: 'mia', user: { email: 'mia@acme.example' } });
    const owner = await userOf(t, t.ownerUserId);

    await forbiddenAt(
      keyRequest(admin.secret, { userId: t.ownerUserId, role: 'viewer', user: { email: 'attacker@evil.example' } }),
      'body.userId',
      'body.user.email',
    );
    await forbiddenAt(
      keyRequest(admin.secret, { userId: member.userId, user: { email: 'attacker@evil.example' } }),
      'body.user.email',
    );
    expectStatus(
      await call('PATCH', `/v1/users/${t.ownerUserId}`, {
        key: admin.secret,
        body: { email: 'attacker@evil.example' },
      }),
      403,
    );
    expectStatus(
      await call('PATCH', `/v1/users/${member.userId}`, {
        key: admin.secret,
        body: { email: 'attacker@evil.example' },
      }),
      403,
    );
    expect(await userOf(t, t.ownerUserId)).toEqual(owner);
    expect((await userOf(t, member.userId)).email).toBe('mia@acme.example');
  });
});

describe('who may issue keys for whom', () => {
  it('lets an admin issue for users below admin and for itself, and the owner for anyone', async () => {
    const t = await newTenant('Keys', 'standard', 10);
    const admin = await issueKey(t, { role: 'admin', userId: 'adam' });
    const other = await issueKey(t, { role: 'admin', userId: 'olga' });
    await issueKey(t, { role: 'viewer', userId: 'vic' });
    // Below admin: allowed, the name too; the same email is no change.
    const forVic = expectStatus(
      await keyRequest(admin.secret, { userId: 'vic', role: 'member', user: { name: 'Vic' } }),
      201,
    ).body;
    expect(forVic.issuedBy).toEqual({ kind: 'key', userId: 'adam', keyId: admin.id });
    // Itself: allowed, its own email too.
    expectStatus(
      await keyRequest(admin.secret, { userId: 'adam', role: 'admin', user: { email: 'adam@acme.example' } }),
      201,
    );
    expect((await userOf(t, 'adam')).email).toBe('adam@acme.example');
    await forbiddenAt(keyRequest(admin.secret, { userId: other.userId }), 'body.userId');
    // The owner: anyone, emails included.
    expectStatus(await keyRequest(t.ownerKey, { userId: other.userId, user: { email: 'olga@acme.example' } }), 201);
    expect((await userOf(t, other.userId)).email).toBe('olga@acme.example');
    const keys = await keysOf(t);
    expect(keys.find((k) => k.userId === t.ownerUserId).issuedBy).toEqual({ kind: 'system', name: 'platform-admin' });
  });

  it("judges by the user's current role: a member raised to admin is out of an admin's reach", async () => {
    const t = await newTenant('Keys', 'standard', 10);
    const admin = await issueKey(t, { role: 'admin', userId: 'adam' });
    await issueKey(t, { role: 'member', userId: 'rita' });
    expectStatus(await keyRequest(admin.secret, { userId: 'rita', role: 'member' }), 201);
    await issueKey(t, { role: 'admin', userId: 'rita' });
    await forbiddenAt(keyRequest(admin.secret, { userId: 'rita', role: 'viewer' }), 'body.userId');
  });
});

describe('PATCH /v1/users/{id}', () => {
  it("changes a user's name and email for the owner or the user's own key, with If-Match", async () => {
    const t = await newTenant('Users', 'standard', 10);
    const mia: IssuedKey = await issueKey(t, { role: 'viewer', userId: 'mia', user: { name: 'Mia' } });
    const got = expectStatus(await call('GET', '/v1/users/mia', { key: mia.secret }), 200);
    const tag = got.headers.get('etag')!;
    expect(tag).toMatch(/^"\d+"$/);

    const self = expectStatus(
      await call('PATCH', '/v1/users/mia', {
        key: mia.secret,
        body: { email: 'mia@acme.example' },
        headers: { 'if-match': tag },
      }),
      200,
    );
    expect(self.body).toMatchObject({ userId: 'mia', name: 'Mia', email: 'mia@acme.example', role: 'viewer' });
    expect(self.headers.get('etag')).not.toBe(tag);
    expectStatus(
      await call('PATCH', '/v1/users/mia', { key: mia.secret, body: { name: 'M' }, headers: { 'if-match': tag } }),
      412,
    );

    const byOwner = expectStatus(
      await call('PATCH', '/v1/users/mia', { key: t.ownerKey, body: { name: 'Mia Lee', email: null } }),
      200,
    ).body;
    expect(byOwner.name).toBe('Mia Lee');
    expect(byOwner).not.toHaveProperty('email');
    const ownerSelf = expectStatus(
      await call('PATCH', `/v1/users/${t.ownerUserId}`, { key: t.ownerKey, body: { email: 'boss@acme.example' } }),
      200,
    ).body;
    expect(ownerSelf.email).toBe('boss@acme.example');
  });

  it('refuses others (403), unknown users (404) and bad bodies (400), changing nothing', async () => {
    const t = await newTenant('Users', 'standard', 10);
    const a = await issueKey(t, { role: 'member', userId: 'ann', user: { email: 'ann@acme.example' } });
    const b = await issueKey(t, { role: 'admin', userId: 'ben' });
    expectStatus(await call('PATCH', '/v1/users/ann', { key: b.secret, body: { name: 'Hacked' } }), 403);
    expectStatus(await call('PATCH', '/v1/users/ben', { key: a.secret, body: { name: 'Hacked' } }), 403);
    expectStatus(await call('PATCH', '/v1/users/nobody', { key: t.ownerKey, body: { name: 'X' } }), 404);
    for (const body of [{}, { email: 'not-an-email' }, { name: '' }, { role: 'owner' }, { name: 'A\u0085B' }])
      expectStatus(await call('PATCH', '/v1/users/ann', { key: a.secret, body }), 400);
    expect(await userOf(t, 'ann')).toMatchObject({ email: 'ann@acme.example', role: 'member' });
    expect(await userOf(t, 'ann')).not.toHaveProperty('name');
  });
});

describe('every trail and audit entry names the key that acted', () => {
  it('on record timelines, the approval trail, a decision and the tenant audit', async () => {
    const t = await newTenant('Trail', 'standard', 10);
    const admin = await issueKey(t, { role: 'admin', userId: 'adam' });
    const approver = await issueKey(t, { role: 'member', userId: 'paula' });
    // The key the admin issued for the approver: what it does is told apart from the approver's own key.
    const issued = expectStatus(await keyRequest(admin.secret, { userId: 'paula', role: 'member' }), 201).body;

    const contact = expectStatus(
      await call('POST', '/v1/contacts', { key: admin.secret, body: { firstName: 'Eve' } }),
      201,
    ).body;
    const timeline = expectStatus(
      await call('GET', `/v1/contacts/${contact.id}/timeline`, { key: t.ownerKey }),
      200,
    ).body;
    expect(timeline.items[0].actor).toEqual({ kind: 'key', userId: 'adam', keyId: admin.id });

    const route = await createRoute(t.ownerKey, {
      name: 'One',
      stages: [{ name: 'Check', mode: 'all', approvers: approverUsers('paula') }],
    });
    const doc = await newDocument(t.ownerKey);
    const approval = await startApproval(admin.secret, doc.id, route.id);
    // The stage's tasks open just after the approval starts (its workflow opens them), so wait for them.
    const [task] = await tasksOf(approver.secret, approval.id);
    const decided = expectStatus(await decide(issued.secret, task.id, 'approve'), 200).body;
    expect(decided.decision).toMatchObject({ by: 'paula', keyId: issued.id });
    const audit = expectStatus(await call('GET', `/v1/approvals/${approval.id}`, { key: t.ownerKey }), 200).body;
    expect(audit.trail.find((e: any) => e.type === 'started').actor).toEqual({
      kind: 'key',
      userId: 'adam',
      keyId: admin.id,
    });
    expect(audit.trail.find((e: any) => e.type === 'decided').actor).toEqual({
      kind: 'key',
      userId: 'paula',
      keyId: issued.id,
    });
    const docTimeline = expectStatus(await call('GET', `/v1/documents/${doc.id}/timeline`, { key: t.ownerKey }), 200)
      .body.items;
    expect(docTimeline.find((e: any) => e.type === 'approval_decided').actor).toEqual({
      kind: 'key',
      userId: 'paula',
      keyId: issued.id,
    });
    // Entries the system writes on its own say so.
    expect(docTimeline.find((e: any) => e.type === 'created').actor).toMatchObject({
      kind: 'system',
      name: 'upload-finaliser',
    });

    expectStatus(await call('PATCH', '/v1/tenant', { key: admin.secret, body: { acceptedWords: ['Dossier'] } }), 200);
    expectStatus(await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { seats: 11 } }), 200);
    const tenantAudit = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}/audit`, { key: adminKey() }), 200)
      .body.items;
    expect(tenantAudit[0]).toMatchObject({ by: 'platform-admin', actor: { kind: 'system', name: 'platform-admin' } });
    expect(tenantAudit[1]).toMatchObject({ by: 'adam', actor: { kind: 'key', userId: 'adam', keyId: admin.id } });
  });
});

describe('entries written before actors named their key', () => {
  beforeAll(() => useLocalRuntimeFromThisProcess());

  it('still read: a user alone as a key actor without keyId, a system actor by its name', async () => {
    const t = await newTenant('Legacy');
    const contact = expectStatus(
      await call('POST', '/v1/contacts', { key: t.ownerKey, body: { firstName: 'Old' } }),
      201,
    ).body;
    const put = (Item: Record<string, unknown>) =>
      documentClient().send(new PutCommand({ TableName: inject('tableName'), Item }));
    const legacy = (actor: unknown, at: string) =>
      ({ id: newId('evt'), at, actor, type: 'updated', changes: [] }) as unknown as TimelineEntry;
    const pk = recordPk(t.id, 'contact', contact.id);
    await put(timelineItem(pk, legacy({ userId: 'old-user' }, '2099-01-01T00:00:00.000Z')));
    await put(timelineItem(pk, legacy({ system: 'intake', ref: 'sub_1' }, '2099-01-02T00:00:00.000Z')));
    const auditId = newId('evt');
    await put({
      pk: tenantPk(t.id),
      sk: auditSk(auditId),
      kind: 'audit',
      id: auditId,
      tenantId: t.id,
      at: '2026-01-01T00:00:00.000Z',
      by: 'old-user',
      changes: { acceptedWords: { from: null, to: ['Old'] } },
    });

    const items = expectStatus(await call('GET', `/v1/contacts/${contact.id}/timeline`, { key: t.ownerKey }), 200).body
      .items;
    expect(items.map((e: any) => e.actor)).toEqual(
      expect.arrayContaining([
        { kind: 'key', userId: 'old-user' },
        { kind: 'system', name: 'intake', ref: 'sub_1' },
      ]),
    );
    const audit = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}/audit`, { key: adminKey() }), 200).body
      .items;
    expect(audit.find((e: any) => e.id === auditId).actor).toEqual({ kind: 'key', userId: 'old-user' });
  });
});
