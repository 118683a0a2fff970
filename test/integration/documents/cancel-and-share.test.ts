import { describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant } from '../api-client';
import { objectGoneWithin, objectKeyOf, putBytes, requestUpload, sha256 } from './helpers';

const MIB = 1024 * 1024;
/** The free plan's 200 MiB: a small tenant whose quota a member could otherwise hold alone. */
const LIMIT = 200 * MIB;

const usage = async (key: string) => expectStatus(await call('GET', '/v1/tenant/usage', { key }), 200).body;
const reserve = (key: string, size: number) => requestUpload(key, Buffer.from('x'), { size, sha256: sha256('x') });

describe('cancelling uploads', () => {
  it('lets the uploader cancel a pending upload: 204, cancelled, released now; again 204; complete 410', async () => {
    const t = await newTenant('Cancel', 'free');
    const member = await newKey(t, 'member');
    const bytes = Buffer.from('never mind');
    const ticket = expectStatus(await requestUpload(member, bytes), 201).body;
    expect(await usage(member)).toMatchObject({ reservedBytes: bytes.length });
    expectStatus(await call('DELETE', `/v1/uploads/${ticket.uploadId}`, { key: member }), 204);
    expect(await usage(member)).toMatchObject({ usedBytes: 0, reservedBytes: 0 });
    expect(expectStatus(await call('GET', `/v1/uploads/${ticket.uploadId}`, { key: member }), 200).body).toMatchObject({
      status: 'cancelled',
    });
    expectStatus(await call('DELETE', `/v1/uploads/${ticket.uploadId}`, { key: member }), 204);
    expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: member }), 410);
    // The URL still takes bytes (S3 cannot be told otherwise); the finaliser deletes them.
    expect((await putBytes(ticket, bytes)).status).toBe(200);
    expect(await objectGoneWithin(objectKeyOf(ticket.url), 10_000)).toBe(true);
    expectStatus(await call('POST', `/v1/uploads/${ticket.uploadId}/complete`, { key: member }), 410);
    expect(await usage(member)).toMatchObject({ usedBytes: 0, reservedBytes: 0, documents: 0 });
  });

  it('lets an admin cancel a member’s upload; another member gets 404; a completed upload is 409', async () => {
    const t = await newTenant('Cancel', 'free');
    const member = await newKey(t, 'member');
    const other = await newKey(t, 'member');
    const admin = await newKey(t, 'admin');
    const viewer = await newKey(t, 'viewer');
    const ticket = expectStatus(await reserve(member, 10 * MIB), 201).body;
    expectStatus(await call('DELETE', `/v1/uploads/${ticket.uploadId}`, { key: other }), 404);
    expectStatus(await call('DELETE', `/v1/uploads/${ticket.uploadId}`, { key: viewer }), [403, 404]);
    expect(await usage(admin)).toMatchObject({ reservedBytes: 10 * MIB });
    expectStatus(await call('DELETE', `/v1/uploads/${ticket.uploadId}`, { key: admin }), 204);
    expect(await usage(admin)).toMatchObject({ reservedBytes: 0 });
    expectStatus(await call('DELETE', '/v1/uploads/upl_01M8GB6ZQV6CZ9PPMACJZTTR8Y', { key: admin }), 404);

    const bytes = Buffer.from('kept');
    const done = expectStatus(await requestUpload(member, bytes), 201).body;
    await putBytes(done, bytes);
    expectStatus(await call('POST', `/v1/uploads/${done.uploadId}/complete`, { key: member }), 200);
    const refused = expectStatus(await call('DELETE', `/v1/uploads/${done.uploadId}`, { key: member }), 409).body;
    expect(refused.detail).toContain('delete the document instead');
    expect(await usage(member)).toMatchObject({ usedBytes: bytes.length, reservedBytes: 0, documents: 1 });
  });
});

describe("a member's share of the quota", () => {
  it('lets a member reserve at most half of the room left, saying so; admins and owners all of it', async () => {
    const t = await newTenant('Share', 'free');
    const member = await newKey(t, 'member');
    const admin = await newKey(t, 'admin');
    const whole = expectStatus(await reserve(member, LIMIT), 413).body;
    expect(whole).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      usedBytes: 0,
      reservedBytes: 0,
      limitBytes: LIMIT,
      requestedBytes: LIMIT,
      memberShareBytes: LIMIT / 2,
    });
    expect(whole.detail).toContain("A member's upload may take at most half of the room left");
    expectStatus(await reserve(member, LIMIT / 2 + 1), 413);
    expectStatus(await reserve(member, LIMIT / 2), 201);
    // 100 MiB left: half of it is 50 MiB.
    const more = expectStatus(await reserve(member, 50 * MIB + 1), 413).body;
    expect(more).toMatchObject({ reservedBytes: LIMIT / 2, memberShareBytes: 50 * MIB });
    expectStatus(await reserve(member, 50 * MIB), 201);
    // An admin may take the whole 50 MiB left; then nothing is left for anyone.
    expectStatus(await reserve(admin, 50 * MIB), 201);
    expect(expectStatus(await reserve(t.ownerKey, 1), 413).body.memberShareBytes).toBeUndefined();
    expect(await usage(t.ownerKey)).toMatchObject({ reservedBytes: LIMIT, usedBytes: 0 });
  });

  it('holds under a race: 12 concurrent 60 MiB reservations by members, exactly 2 pass, and an admin frees them', async () => {
    const t = await newTenant('Race', 'free');
    const members = await Promise.all([1, 2, 3].map(() => newKey(t, 'member')));
    const admin = await newKey(t, 'admin');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => reserve(members[i % 3], 60 * MIB)));
    // 200 → 140 MiB left after one, 80 after two: a third needs 120 left. Whatever the order, two.
    const passed = answers.filter((a) => a.status === 201);
    expect(passed).toHaveLength(2);
    expect(answers.filter((a) => a.status === 413)).toHaveLength(10);
    expect(await usage(admin)).toMatchObject({ reservedBytes: 120 * MIB, usedBytes: 0 });
    for (const a of passed) expectStatus(await call('DELETE', `/v1/uploads/${a.body.uploadId}`, { key: admin }), 204);
    expect(await usage(admin)).toMatchObject({ reservedBytes: 0 });
  });

  it('exempts unlimited plans', async () => {
    const t = await newTenant('Unlimited', 'extended');
    const member = await newKey(t, 'member');
    expectStatus(await reserve(member, 5 * 1024 * MIB), 201);
  });
});
