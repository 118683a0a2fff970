import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { issueKey } from './helpers';

const UNKNOWN = 'usr_01M8GB6ZQV6CZ9PPMACJZTTR8Y';

describe('document ACLs name existing users', () => {
  it('refuses an ACL naming a user that does not exist, at the entry that names it, and changes nothing', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, 'minutes');
    const res = expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key: t.ownerKey,
        body: { visibility: 'restricted', acl: [{ userId: UNKNOWN, access: 'read' }] },
      }),
      400,
    );
    expect(res.body.errors).toEqual([{ path: 'body.acl.0.userId', message: `no user with id ${UNKNOWN}` }]);
    const mixed = expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key: t.ownerKey,
        body: {
          acl: [
            { role: 'member', access: 'read' },
            { userId: t.ownerUserId, access: 'write' },
            { userId: 'ghost', access: 'read' },
          ],
        },
      }),
      400,
    );
    expect(mixed.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.acl.2.userId']);
    const after = expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: t.ownerKey }), 200).body;
    expect(after).toMatchObject({ version: doc.version, visibility: 'tenant', acl: [] });
  });

  it("refuses another tenant's user as if it did not exist", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const bUser = await issueKey(b, { role: 'member', userId: 'olga' });
    const doc = await uploadDocument(a.ownerKey, 'plan');
    for (const userId of [bUser.userId, b.ownerUserId]) {
      const res = expectStatus(
        await call('PATCH', `/v1/documents/${doc.id}`, {
          key: a.ownerKey,
          body: { acl: [{ userId, access: 'read' }] },
        }),
        400,
      );
      expect(res.body.errors[0].path).toBe('body.acl.0.userId');
    }
  });

  it('accepts users issued keys (usr_ ids and chosen ids) and lets exactly them see a restricted document', async () => {
    const t = await newTenant();
    const pat = await issueKey(t, { role: 'member', user: { name: 'Pat' } });
    const quinn = await issueKey(t, { role: 'viewer', userId: 'quinn' });
    const outsider = await issueKey(t, { role: 'member' });
    const doc = await uploadDocument(t.ownerKey, 'salaries');
    expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key: t.ownerKey,
        body: {
          visibility: 'restricted',
          acl: [
            { userId: pat.userId, access: 'write' },
            { userId: 'quinn', access: 'read' },
          ],
        },
      }),
      200,
    );
    expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: pat.secret }), 200);
    expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: quinn.secret }), 200);
    expectStatus(await call('GET', `/v1/documents/${doc.id}`, { key: outsider.secret }), 404);
  });
});
