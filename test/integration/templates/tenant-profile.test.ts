import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newKey, newTenant } from '../api-client';
import { builtin, dealWithItems, download, pdfText } from './helpers';

const profile = {
  legalName: 'Acme Widgets GmbH',
  address: { street: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'Germany' },
  taxId: 'DE123456789',
  registrationNumber: 'HRB 98765',
  email: 'billing@acme.example',
  phone: '+49 30 1234567',
  website: 'https://acme.example',
  bank: { name: 'Berliner Bank', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' },
};

describe('GET/PATCH /v1/tenant: profile, mail settings, accepted words', () => {
  it('lets the owner edit them, stores IBAN and BIC compact, audits the change and moves the ETag', async () => {
    const t = await newTenant('Profile Owner');
    const res = expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: t.ownerKey,
        headers: { 'if-match': '"1"' },
        body: {
          profile,
          mailSettings: { fromName: 'Acme Sales', replyTo: 'sales@acme.example', signature: 'Kind regards' },
          acceptedWords: ['Acme', 'Globex', 'Acme'],
        },
      }),
      200,
    );
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.profile.bank).toEqual({
      name: 'Berliner Bank',
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
    });
    expect(res.body.acceptedWords).toEqual(['Acme', 'Globex']);
    const viewer = await newKey(t, 'viewer');
    const read = expectStatus(await call('GET', '/v1/tenant', { key: viewer }), 200);
    expect(read.body).toMatchObject({ version: 2, profile: { legalName: 'Acme Widgets GmbH', taxId: 'DE123456789' } });
    expect(read.body.mailSettings).toEqual({
      fromName: 'Acme Sales',
      replyTo: 'sales@acme.example',
      signature: 'Kind regards',
    });
    const audit = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}/audit`, { key: adminKey() }), 200).body;
    expect(audit.items[0]).toMatchObject({
      by: t.ownerUserId,
      changes: { profile: { from: null }, acceptedWords: { to: ['Acme', 'Globex'] } },
    });
  });

  it('merges profile members, removes one given null, and leaves plan and seats alone', async () => {
    const t = await newTenant('Profile Merge', 'extended', 7);
    expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile } }), 200);
    const admin = await newKey(t, 'admin');
    const res = expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: admin,
        body: { profile: { phone: null, bank: { name: 'Other Bank' } }, mailSettings: { fromName: 'Acme' } },
      }),
      200,
    );
    expect(res.body).toMatchObject({ plan: 'extended', seats: 7, version: 3 });
    expect(res.body.profile.phone).toBeUndefined();
    expect(res.body.profile.bank).toEqual({ name: 'Other Bank', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
    expect(res.body.profile.legalName).toBe('Acme Widgets GmbH');
    const cleared = expectStatus(await call('PATCH', '/v1/tenant', { key: admin, body: { mailSettings: null } }), 200);
    expect(cleared.body.mailSettings).toBeUndefined();
  });

  it('refuses members and viewers with 403 and changes nothing', async () => {
    const t = await newTenant('Profile Member');
    for (const role of ['member', 'viewer']) {
      const key = await newKey(t, role);
      expectStatus(await call('PATCH', '/v1/tenant', { key, body: { profile: { legalName: 'Hijack Ltd' } } }), 403);
    }
    const now = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body;
    expect(now).toMatchObject({ version: 1 });
    expect(now.profile).toBeUndefined();
  });

  it('refuses a stale If-Match with 412 and keeps the newer profile', async () => {
    const t = await newTenant('Profile Stale');
    expectStatus(
      await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { legalName: 'First' } } }),
      200,
    );
    const stale = await call('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      headers: { 'if-match': '"1"' },
      body: { profile: { legalName: 'Second' } },
    });
    expectStatus(stale, 412);
    const now = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200);
    expect(now.body.profile.legalName).toBe('First');
    expect(now.headers.get('etag')).toBe('"2"');
  });

  it('answers 400 listing every bad field: email, IBAN check digits, BIC shape, lengths, header injection', async () => {
    const t = await newTenant('Profile Invalid');
    const res = await call('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: {
        profile: {
          legalName: 'x'.repeat(201),
          email: 'not-an-email',
          website: 'javascript:alert(1)',
          bank: { iban: 'DE00370400440532013000', bic: 'COBA-DE' },
          logo: 'https://evil.example/logo.png',
          color: 'red',
        },
        mailSettings: { fromName: 'Acme\r\nBcc: victim@example.com', replyTo: 'nope' },
        acceptedWords: ['two words'],
      },
    });
    expectStatus(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.profile.legalName',
        'body.profile.email',
        'body.profile.website',
        'body.profile.bank.iban',
        'body.profile.bank.bic',
        'body.profile.logo',
        'body.mailSettings.fromName',
        'body.mailSettings.replyTo',
        'body.acceptedWords.0',
      ]),
    );
    expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: {} }), 400);
    const now = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body;
    expect(now.version).toBe(1);
  });

  it('keeps the language, time zone and payment term of documents, and refuses ones that are not', async () => {
    const t = await newTenant('Profile Locale');
    const res = expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: t.ownerKey,
        body: { profile: { locale: 'et', timeZone: 'europe/helsinki', paymentTermDays: 30 } },
      }),
      200,
    );
    expect(res.body.profile).toEqual({ locale: 'et', timeZone: 'Europe/Helsinki', paymentTermDays: 30 });
    const bad = await call('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: { profile: { locale: 'fi', timeZone: 'Mars/Olympus_Mons', paymentTermDays: 366 } },
    });
    expectStatus(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.profile.locale',
      'body.profile.paymentTermDays',
      'body.profile.timeZone',
    ]);
    for (const profile of [{ timeZone: '+02:00' }, { paymentTermDays: -1 }, { paymentTermDays: 1.5 }])
      expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile } }), 400);
    const now = expectStatus(await call('GET', '/v1/tenant', { key: t.ownerKey }), 200).body;
    expect(now).toMatchObject({ version: 2, profile: res.body.profile });
    const cleared = await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile: { timeZone: null } } });
    expect(expectStatus(cleared, 200).body.profile).toEqual({ locale: 'et', paymentTermDays: 30 });
  });

  it("prints the tenant's profile on a generated invoice", async () => {
    const t = await newTenant('Profile Print');
    expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { profile } }), 200);
    const tpl = await builtin(t.ownerKey, 'invoice');
    const { deal } = await dealWithItems(t.ownerKey, 1);
    const doc = expectStatus(
      await call('POST', '/v1/documents/generate', {
        key: t.ownerKey,
        body: { templateId: tpl.id, record: { entity: 'deal', id: deal.id } },
      }),
      201,
    ).body;
    const { text } = await pdfText(await download(t.ownerKey, doc.id));
    // The IBAN prints in groups of four, as people read it (issue 21).
    for (const expected of [
      'Acme Widgets GmbH',
      'DE123456789',
      'HRB 98765',
      'DE89 3704 0044 0532 0130 00',
      'Berliner Bank',
    ])
      expect(text).toContain(expected);
  });
});
