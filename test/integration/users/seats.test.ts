import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { activeUsers, issueKey, setSeats } from './helpers';

describe('seats', () => {
  it('refuses a key for a new user once every seat is taken, with the figures, and writes nothing', async () => {
    const t = await newTenant('Seated', 'standard', 2);
    await issueKey(t, { role: 'member', userId: 'erin' });
    expect(await activeUsers(t)).toBe(2);
    const res = expectStatus(
      await call('POST', '/v1/api-keys', { key: t.ownerKey, body: { name: 'k', role: 'member', userId: 'frank' } }),
      409,
    );
    expect(res.body).toMatchObject({ code: 'CONFLICT', seats: 2, activeUsers: 2 });
    expectStatus(await call('GET', '/v1/users/frank', { key: t.ownerKey }), 404);
    const keys = expectStatus(await call('GET', '/v1/api-keys', { key: t.ownerKey }), 200).body.items;
    expect(keys).toHaveLength(2);
    // An active user needs no new seat for another key.
    await issueKey(t, { role: 'viewer', userId: 'erin' });
    expect(await activeUsers(t)).toBe(2);
  });

  it("frees a seat when a user's last key is revoked, and takes it again when the user comes back", async () => {
    const t = await newTenant('Seated', 'standard', 2);
    const erin = await issueKey(t, { role: 'member', userId: 'erin' });
    expectStatus(await call('DELETE', `/v1/api-keys/${erin.id}`, { key: t.ownerKey }), 204);
    expect(await activeUsers(t)).toBe(1);
    await issueKey(t, { role: 'member', userId: 'frank' });
    expect(await activeUsers(t)).toBe(2);
    const back = expectStatus(
      await call('POST', '/v1/api-keys', { key: t.ownerKey, body: { name: 'k', role: 'member', userId: 'erin' } }),
      409,
    );
    expect(back.body).toMatchObject({ seats: 2, activeUsers: 2 });
  });

  it('lets a seats decrease below the active count remove no one and only block new users', async () => {
    const t = await newTenant('Shrinking', 'standard', 3);
    const g = await issueKey(t, { role: 'member', userId: 'gina' });
    await issueKey(t, { role: 'member', userId: 'hal' });
    await setSeats(t, 1);
    expect(await activeUsers(t)).toBe(3);
    expectStatus(await call('GET', '/v1/users/gina', { key: g.secret }), 200);
    await issueKey(t, { role: 'viewer', userId: 'gina' });
    const res = expectStatus(
      await call('POST', '/v1/api-keys', { key: t.ownerKey, body: { name: 'k', role: 'member', userId: 'ivy' } }),
      409,
    );
    expect(res.body).toMatchObject({ seats: 1, activeUsers: 3 });
    await setSeats(t, 4);
    await issueKey(t, { role: 'member', userId: 'ivy' });
    expect(await activeUsers(t)).toBe(4);
  });

  it('gives the last seat to exactly one of two concurrent requests for new users', async () => {
    for (let round = 0; round < 3; round++) {
      const t = await newTenant('Racing', 'standard', 2);
      const results = await Promise.all(
        ['jo', 'kim'].map((userId) =>
          call('POST', '/v1/api-keys', { key: t.ownerKey, body: { name: 'k', role: 'member', userId } }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await activeUsers(t)).toBe(2);
      const users = expectStatus(await call('GET', '/v1/users', { key: t.ownerKey }), 200).body.items;
      expect(users).toHaveLength(2);
    }
  });

  it('counts one seat when two keys for the same new user are issued at once', async () => {
    const t = await newTenant('Racing', 'standard', 3);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        call('POST', '/v1/api-keys', { key: t.ownerKey, body: { name: 'k', role: 'member', userId: 'lee' } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(await activeUsers(t)).toBe(2);
    const lee = expectStatus(await call('GET', '/v1/users/lee', { key: t.ownerKey }), 200).body;
    expect(lee.activeKeys).toBe(3);
  });

  it('frees exactly one seat when two last keys of a user are revoked at once', async () => {
    const t = await newTenant('Racing', 'standard', 3);
    const a = await issueKey(t, { role: 'member', userId: 'max' });
    const b = await issueKey(t, { role: 'member', userId: 'max' });
    const results = await Promise.all([a, b].map((k) => call('DELETE', `/v1/api-keys/${k.id}`, { key: t.ownerKey })));
    expect(results.map((r) => r.status)).toEqual([204, 204]);
    expect(await activeUsers(t)).toBe(1);
    const max = expectStatus(await call('GET', '/v1/users/max', { key: t.ownerKey }), 200).body;
    expect(max).toMatchObject({ active: false, activeKeys: 0 });
  });
});
