import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newTenant } from '../api-client';
import { follow, requestUpload, sha256, uploadDocument } from './helpers';

const MIB = 1024 * 1024;

// Plans change at any time through the admin API and count from the tenant's next request. A
// downgrade below what the tenant holds deletes nothing: only new uploads wait for room.

const setPlan = async (tenantId: string, plan: string) =>
  expectStatus(await call('PATCH', `/v1/admin/tenants/${tenantId}`, { key: adminKey(), body: { plan } }), 200);

describe('a plan change', () => {
  it('below current usage keeps reads, downloads and deletes working and refuses new uploads until there is room', async () => {
    const t = await newTenant('Downgrade', 'extended', 1);
    const kept = await uploadDocument(t.ownerKey, 'kept', { fileName: 'kept.txt' });
    const gone = await uploadDocument(t.ownerKey, 'to delete', { fileName: 'gone.txt' });
    // 250 MiB held by an upload that is never sent: on a free plan that is past the 200 MiB limit.
    const held = expectStatus(
      await call('POST', '/v1/uploads', {
        key: t.ownerKey,
        body: { fileName: 'big.iso', contentType: 'application/octet-stream', size: 250 * MIB, sha256: sha256('x') },
      }),
      201,
    ).body;
    expect(held.uploadId).toMatch(/^upl_/);

    await setPlan(t.id, 'free');
    const refused = expectStatus(await requestUpload(t.ownerKey, Buffer.from('one more')), 413);
    expect(refused.body).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      usedBytes: 13,
      reservedBytes: 250 * MIB,
      limitBytes: 200 * MIB,
    });
    expect(expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body).toMatchObject({
      plan: 'free',
      usedBytes: 13,
      limitBytes: 200 * MIB,
      documents: 2,
    });
    expectStatus(await call('GET', `/v1/documents/${kept.id}`, { key: t.ownerKey }), 200);
    const download = expectStatus(await call('GET', `/v1/documents/${kept.id}/download`, { key: t.ownerKey }), 302);
    expect(await (await follow(download)).text()).toBe('kept');
    expectStatus(await call('DELETE', `/v1/documents/${gone.id}`, { key: t.ownerKey }), 204);

    await setPlan(t.id, 'standard');
    expectStatus(await requestUpload(t.ownerKey, Buffer.from('one more')), 201);
    expect(expectStatus(await call('GET', '/v1/tenant/usage', { key: t.ownerKey }), 200).body).toMatchObject({
      plan: 'standard',
      usedBytes: 4,
      limitBytes: 500 * MIB,
      documents: 1,
    });
  });
});
