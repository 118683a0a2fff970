import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newTenant } from './api-client';
import { expectValidation } from './records/helpers';

// C1 control characters (U+0080–U+009F) in a subject or a name are refused as C0
// ones are. NEL (U+0085) is a line break to mail readers and some terminals and CSV readers.

const NEL = '\u0085';
const C1 = ['\u0080', NEL, '\u009b', '\u009f'];

describe('C1 control characters in names and subjects', () => {
  it('refuses them in record names and titles, and stores nothing', async () => {
    const t = await newTenant();
    const key = t.ownerKey;
    for (const c of C1) {
      expectValidation(
        await call('POST', '/v1/contacts', { key, body: { firstName: `Ann${c}Lee` } }),
        'body.firstName',
      );
      expectValidation(await call('POST', '/v1/companies', { key, body: { name: `Acme${c}` } }), 'body.name');
    }
    expectValidation(await call('POST', '/v1/deals', { key, body: { title: `Big${NEL}deal` } }), 'body.title');
    expectValidation(await call('POST', '/v1/leads', { key, body: { title: `Web${NEL}lead` } }), 'body.title');
    expectValidation(
      await call('POST', '/v1/deals', {
        key,
        body: { title: 'Deal', lineItems: [{ name: `Item${NEL}`, quantity: 1, unitPrice: 1 }] },
      }),
      'body.lineItems.0.name',
    );
    expect(expectStatus(await call('GET', '/v1/contacts', { key }), 200).body.items).toEqual([]);
    expect(expectStatus(await call('GET', '/v1/companies', { key }), 200).body.items).toEqual([]);
    // Printable text beyond Latin-1 controls stays welcome.
    expectStatus(await call('POST', '/v1/contacts', { key, body: { firstName: 'Ülle', lastName: 'Õun ÄÖ' } }), 201);
  });

  it('refuses them in a contact rename', async () => {
    const t = await newTenant();
    const made = expectStatus(await call('POST', '/v1/contacts', { key: t.ownerKey, body: { firstName: 'Ann' } }), 201);
    expectValidation(
      await call('PATCH', `/v1/contacts/${made.body.id}`, { key: t.ownerKey, body: { firstName: `A${NEL}nn` } }),
      'body.firstName',
    );
    expect(
      expectStatus(await call('GET', `/v1/contacts/${made.body.id}`, { key: t.ownerKey }), 200).body.firstName,
    ).toBe('Ann');
  });

  it('refuses them in template, sequence, tenant, key and user names', async () => {
    const t = await newTenant();
    const key = t.ownerKey;
    expectValidation(
      await call('POST', '/v1/templates', {
        key,
        body: { name: `Offer${NEL}`, kind: 'other', entity: 'deal', body: 'x' },
      }),
      'body.name',
    );
    expectValidation(
      await call('POST', '/v1/templates', { key, body: { fromBuiltin: 'offer', name: `O${NEL}` } }),
      'body.name',
    );
    expectValidation(await call('POST', '/v1/sequences', { key, body: { name: `Seq${NEL}` } }), 'body.name');
    expectValidation(
      await call('POST', '/v1/admin/tenants', { key: adminKey(), body: { name: `Acme${NEL}`, plan: 'free' } }),
      'body.name',
    );
    expectValidation(
      await call('POST', '/v1/api-keys', { key, body: { name: `k${NEL}`, role: 'viewer' } }),
      'body.name',
    );
    expectValidation(
      await call('POST', '/v1/api-keys', { key, body: { name: 'k', role: 'viewer', user: { name: `Bo${NEL}b` } } }),
      'body.user.name',
    );
  });

  it('refuses them in an email subject and recipient name, a tag and the sender name', async () => {
    const t = await newTenant();
    const key = t.ownerKey;
    const doc = 'doc_01JAAAAAAAAAAAAAAAAAAAAAAA';
    expectValidation(
      await call('POST', `/v1/documents/${doc}/send`, {
        key,
        body: { to: [{ email: 'a@b.example' }], subject: `Hello${NEL}Bcc: victim@evil.example` },
      }),
      'body.subject',
    );
    expectValidation(
      await call('POST', `/v1/documents/${doc}/send`, {
        key,
        body: { to: [{ email: 'a@b.example', name: `Eve${NEL}` }] },
      }),
      'body.to.0.name',
    );
    expectValidation(
      await call('PATCH', `/v1/documents/${doc}`, { key, body: { tags: [`tag${NEL}`] } }),
      'body.tags.0',
    );
    expectValidation(
      await call('PATCH', '/v1/tenant', { key, body: { mailSettings: { fromName: `Acme${NEL}Bcc: x@evil.example` } } }),
      'body.mailSettings.fromName',
    );
    expect(expectStatus(await call('GET', '/v1/tenant', { key }), 200).body.mailSettings).toBeUndefined();
  });
});
