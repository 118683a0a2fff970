import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newTenant, type TestTenant } from './api-client';
import { follow, uploadDocument } from './documents/helpers';
import { newForm, postSigned, uniqueEmail } from './intake/helpers';

// Suspending a tenant stops its public surface at once (share links, intake),
// answering as for a revoked link; reactivating brings it back. Driven through the admin API.

const setStatus = async (t: TestTenant, status: 'active' | 'suspended') =>
  expectStatus(await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { status } }), 200);

describe('a suspended tenant', () => {
  it('stops its share links at once (404, as a revoked link), and reactivation brings them back with their count', async () => {
    const t = await newTenant();
    const doc = await uploadDocument(t.ownerKey, 'price list', { fileName: 'prices.txt' });
    const link = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/share-links`, {
        key: t.ownerKey,
        body: { expiresIn: 3600, maxDownloads: 3 },
      }),
      201,
    ).body;
    const path = new URL(link.url).pathname;
    expect(await (await follow(expectStatus(await call('GET', path), 302))).text()).toBe('price list');

    await setStatus(t, 'suspended');
    const refused = expectStatus(await call('GET', path), 404);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.headers.get('location')).toBeNull();
    // The same answer as for a link that was never there: a suspended tenant's links say nothing.
    expect(refused.body.detail).toBe('No such share link.');

    await setStatus(t, 'active');
    expectStatus(await call('GET', path), 302);
    const links = expectStatus(await call('GET', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey }), 200);
    // The refused download was not counted.
    expect(links.body.items).toEqual([expect.objectContaining({ id: link.id, downloads: 2 })]);
  });

  it('stops intake at once (404, nothing stored), and reactivation brings it back', async () => {
    const t = await newTenant();
    const form = await newForm(t);
    expectStatus(await postSigned(form, { email: uniqueEmail() }), 201);

    await setStatus(t, 'suspended');
    const email = uniqueEmail();
    expectStatus(await postSigned(form, { email }), 404);
    expectStatus(
      await call('OPTIONS', form.intakePath, {
        headers: { origin: 'https://www.example.com', 'access-control-request-method': 'POST' },
      }),
      404,
    );

    await setStatus(t, 'active');
    const leads = expectStatus(
      await call('GET', `/v1/leads?email=${encodeURIComponent(email)}`, { key: t.ownerKey }),
      200,
    );
    expect(leads.body.items).toEqual([]);
    expectStatus(await postSigned(form, { email }), 201);
  });
});
