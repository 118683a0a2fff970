import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newKey, newTenant } from '../api-client';
import { requestUpload, uploadDocument } from './helpers';

const MIB = 1024 * 1024;

describe('usage', () => {
  it('reports used, reserved and allowed bytes per plan, and bytes per uploader', async () => {
    const t = await newTenant('Usage', 'standard', 3);
    const member = await newKey(t, 'member', 'usage-member');
    await uploadDocument(t.ownerKey, 'x'.repeat(300));
    await uploadDocument(member, 'y'.repeat(100));
    expectStatus(await requestUpload(member, Buffer.from('z'), { size: 50 }), 201);
    const usage = expectStatus(await call('GET', '/v1/tenant/usage', { key: member }), 200).body;
    expect(expectStatus(await call('GET', `/v1/admin/tenants/${t.id}/usage`, { key: adminKey() }), 200).body).toEqual(
      usage,
    );
    const view = expectStatus(
      await call('GET', `/v1/admin/tenants/${t.id}?include=usage`, { key: adminKey() }),
      200,
    ).body;
    expect(view).toMatchObject({ id: t.id, plan: 'standard', seats: 3, usage });
    expect(usage).toEqual({
      plan: 'standard',
      usedBytes: 400,
      reservedBytes: 50,
      limitBytes: 3 * 500 * MIB,
      documents: 2,
      byUser: [
        { userId: t.ownerUserId, usedBytes: 300 },
        { userId: 'usage-member', usedBytes: 100 },
      ],
    });
  });

  it('lets the platform admin reconcile a tenant: no drift when every change went through the API', async () => {
    const t = await newTenant();
    await uploadDocument(t.ownerKey, 'reconciled');
    const report = expectStatus(
      await call('POST', `/v1/admin/tenants/${t.id}/reconcile`, { key: adminKey() }),
      200,
    ).body;
    expect(report).toEqual({
      tenantId: t.id,
      recomputed: { usedBytes: 10, reservedBytes: 0, documents: 1 },
      drift: [],
    });
    expectStatus(await call('POST', `/v1/admin/tenants/${t.id}/reconcile`, { key: t.ownerKey }), [401, 403]);
    expectStatus(
      await call('POST', '/v1/admin/tenants/ten_01M8GB6ZQV6CZ9PPMACJZTTR8Y/reconcile', { key: adminKey() }),
      404,
    );
  });
});
