import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { issueKey } from './helpers';

describe('users', () => {
  it("onboarding makes the owner's user, and a key for a new person makes a usr_ user with a name and email", async () => {
    const t = await newTenant();
    const owner = expectStatus(await call('GET', `/v1/users/${t.ownerUserId}`, { key: t.ownerKey }), 200).body;
    expect(owner).toMatchObject({ userId: t.ownerUserId, role: 'owner', active: true, activeKeys: 1 });
    expect(t.ownerUserId).toMatch(/^usr_/);

    const key = await issueKey(t, { role: 'member', user: { name: 'Ann Lee', email: 'ann@acme.example' } });
    expect(key.userId).toMatch(/^usr_[0-9A-Z]{26}$/);
    const ann = expectStatus(await call('GET', `/v1/users/${key.userId}`, { key: key.secret }), 200).body;
    expect(ann).toMatchObject({ name: 'Ann Lee', email: 'ann@acme.example', role: 'member', active: true });
    expect(ann.createdAt).toBe(ann.updatedAt);
  });

  it('gives an existing user another key: one user, the highest role, the profile updated (by the owner)', async () => {
    const t = await newTenant();
    const first = await issueKey(t, { role: 'viewer', userId: 'bob', user: { name: 'Bob' } });
    // The owner issues these: an admin may not change another user's email (acting-as-others.test.ts).
    const second = await issueKey(t, { role: 'admin', userId: 'bob', user: { email: 'bob@acme.example' } });
    expect(second.userId).toBe('bob');
    const bob = expectStatus(await call('GET', '/v1/users/bob', { key: first.secret }), 200).body;
    expect(bob).toMatchObject({ name: 'Bob', email: 'bob@acme.example', role: 'admin', activeKeys: 2, active: true });
    const all = expectStatus(await call('GET', '/v1/users', { key: t.ownerKey }), 200).body.items;
    expect(all.map((u: { userId: string }) => u.userId).sort()).toEqual(['bob', t.ownerUserId].sort());
    // Bob is an admin now: another admin can no longer issue for him, nor change his email.
    const admin = await issueKey(t, { role: 'admin', userId: 'ada' });
    const refused = expectStatus(
      await call('POST', '/v1/api-keys', {
        key: admin.secret,
        body: { name: 'k', role: 'viewer', userId: 'bob', user: { email: 'x@evil.example' } },
      }),
      403,
    );
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.user.email', 'body.userId']);
  });

  it('makes a user inactive when its last key is revoked, and active again with a new key', async () => {
    const t = await newTenant();
    const a = await issueKey(t, { role: 'admin', userId: 'carol' });
    const b = await issueKey(t, { role: 'viewer', userId: 'carol' });
    expectStatus(await call('DELETE', `/v1/api-keys/${a.id}`, { key: t.ownerKey }), 204);
    let carol = expectStatus(await call('GET', '/v1/users/carol', { key: t.ownerKey }), 200).body;
    expect(carol).toMatchObject({ active: true, activeKeys: 1, role: 'viewer' });
    expectStatus(await call('DELETE', `/v1/api-keys/${b.id}`, { key: t.ownerKey }), 204);
    carol = expectStatus(await call('GET', '/v1/users/carol', { key: t.ownerKey }), 200).body;
    expect(carol).toMatchObject({ active: false, activeKeys: 0, role: 'viewer' });
    await issueKey(t, { role: 'member', userId: 'carol' });
    carol = expectStatus(await call('GET', '/v1/users/carol', { key: t.ownerKey }), 200).body;
    expect(carol).toMatchObject({ active: true, activeKeys: 1, role: 'member' });
  });

  it('lets every member, viewers included, list and read users; only admins issue keys', async () => {
    const t = await newTenant();
    const viewer = await issueKey(t, { role: 'viewer' });
    const member = await issueKey(t, { role: 'member' });
    for (const key of [viewer.secret, member.secret]) {
      expectStatus(await call('GET', '/v1/users', { key }), 200);
      expectStatus(await call('GET', `/v1/users/${t.ownerUserId}`, { key }), 200);
      expectStatus(await call('POST', '/v1/api-keys', { key, body: { name: 'x', role: 'viewer' } }), 403);
    }
    expectStatus(await call('GET', '/v1/users'), 401);
  });

  it('pages users with a cursor that only works for the tenant that got it', async () => {
    const a = await newTenant();
    const b = await newTenant();
    for (const id of ['u1', 'u2', 'u3']) await issueKey(a, { role: 'viewer', userId: id });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectStatus(
        await call('GET', `/v1/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
          key: a.ownerKey,
        }),
        200,
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u: { userId: string }) => u.userId));
      cursor = page.nextCursor ?? undefined;
      if (cursor && seen.length === 2)
        expectStatus(
          await call('GET', `/v1/users?limit=2&cursor=${encodeURIComponent(cursor)}`, { key: b.ownerKey }),
          400,
        );
    } while (cursor);
    expect(seen).toEqual([a.ownerUserId, 'u1', 'u2', 'u3']);
  });

  it("answers 404 for another tenant's user and for a user that does not exist", async () => {
    const a = await newTenant();
    const b = await newTenant();
    await issueKey(a, { role: 'member', userId: 'dave' });
    expectStatus(await call('GET', '/v1/users/dave', { key: b.ownerKey }), 404);
    expectStatus(await call('GET', `/v1/users/${a.ownerUserId}`, { key: b.ownerKey }), 404);
    expect(
      expectStatus(await call('GET', '/v1/users', { key: b.ownerKey }), 200).body.items.map(
        (u: { userId: string }) => u.userId,
      ),
    ).toEqual([b.ownerUserId]);
    expectStatus(await call('GET', '/v1/users/nobody', { key: a.ownerKey }), 404);
    expectStatus(await call('GET', '/v1/users/not%20an%20id', { key: a.ownerKey }), 400);
  });

  it('refuses a bad name or email for the user with the field named', async () => {
    const t = await newTenant();
    const res = expectStatus(
      await call('POST', '/v1/api-keys', {
        key: t.ownerKey,
        body: { name: 'k', role: 'member', user: { name: '', email: 'not-an-email', colour: 'red' } },
      }),
      400,
    );
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['body.user.email', 'body.user.name']));
    expect(expectStatus(await call('GET', '/v1/users', { key: t.ownerKey }), 200).body.items).toHaveLength(1);
  });
});
