import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newKey, newTenant } from './api-client';

// A tenant's name can be changed, by the platform admin and by the owner only.

describe("a tenant's name", () => {
  it('is changed by the platform admin, audited like a plan change', async () => {
    const t = await newTenant('Old Name OÜ');
    const changed = expectStatus(
      await call('PATCH', `/v1/admin/tenants/${t.id}`, {
        key: adminKey(),
        body: { name: '  New Name OÜ ' },
        headers: { 'if-match': '"1"' },
      }),
      200,
    ).body;
    expect(changed).toMatchObject({ name: 'New Name OÜ', version: 2 });
    expect(expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body.name).toBe('New Name OÜ');
    const audit = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}/audit`, { key: adminKey() }), 200).body;
    expect(audit.items[0].changes).toEqual({ name: { from: 'Old Name OÜ', to: 'New Name OÜ' } });
    for (const name of ['', 'Bad\u0085Name', 'Bad\nName'])
      expect(
        expectStatus(await call('PATCH', `/v1/admin/tenants/${t.id}`, { key: adminKey(), body: { name } }), 400).body
          .errors[0].path,
      ).toBe('body.name');
  });

  it('is changed by the owner on PATCH /v1/tenant; an admin gets 403 at body.name and nothing changes', async () => {
    const t = await newTenant('Owned');
    const admin = await newKey(t, 'admin');
    const refused = expectStatus(
      await call('PATCH', '/v1/tenant', { key: admin, body: { name: 'Hijacked', acceptedWords: ['Acme'] } }),
      403,
    );
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.name' })]);
    const unchanged = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body;
    expect(unchanged).toMatchObject({ name: 'Owned', version: 1 });
    expect(unchanged.acceptedWords).toBeUndefined();
    // An admin still edits the rest.
    expectStatus(await call('PATCH', '/v1/tenant', { key: admin, body: { acceptedWords: ['Acme'] } }), 200);

    const renamed = expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: t.ownerKey,
        body: { name: 'Owned AS' },
        headers: { 'if-match': '"2"' },
      }),
      200,
    );
    expect(renamed.body).toMatchObject({ name: 'Owned AS', version: 3 });
    expect(expectStatus(await call('GET', '/v1/tenant', { key: admin }), 200).body.name).toBe('Owned AS');
    const audit = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}/audit`, { key: adminKey() }), 200).body;
    expect(audit.items[0].changes).toEqual({ name: { from: 'Owned', to: 'Owned AS' } });
    expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { name: 'Line\u0085Break' } }), 400);
  });

  it('takes a profile website without a scheme as https', async () => {
    const t = await newTenant();
    const res = expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { website: 'www.example.ee' } } }),
      200,
    );
    expect(res.body.profile.website).toBe('https://www.example.ee');
    const kept = expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { website: 'http://example.ee/about' } } }),
      200,
    );
    expect(kept.body.profile.website).toBe('http://example.ee/about');
    const withPort = expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { website: 'example.ee:8443/shop' } } }),
      200,
    );
    expect(withPort.body.profile.website).toBe('https://example.ee:8443/shop');
    for (const website of ['ftp://example.ee', 'javascript:alert(1)', 'not a site'])
      expect(
        expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { website } } }), 400).body
          .errors[0].path,
      ).toBe('body.profile.website');
  });
});
