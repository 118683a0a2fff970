import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient, tableName } from '#store/dynamo/client';
import { META, tenantPk } from '#store/dynamo/keys';
import { call, expectStatus, newTenant, type ApiResponse } from './api-client';
import { useLocalRuntimeFromThisProcess } from './in-process-store';

// Issue 22: the identifiers an Estonian e-invoice needs, checked where the tenant enters them
// (PATCH /v1/tenant), and the profile fields it adds (address.countryCode, peppolId, eInvoicing).

useLocalRuntimeFromThisProcess();

const paths = (res: ApiResponse) => ((res.body?.errors ?? []) as Array<{ path: string }>).map((e) => e.path).sort();
const patch = (key: string, profile: unknown) => call('PATCH', '/v1/tenant', { key, body: { profile } });
const read = async (key: string) => expectStatus(await call('GET', '/v1/tenant', { key }), 200).body;

const estonian = {
  legalName: 'Arved OÜ',
  address: { street: 'Narva mnt 5', city: 'Tallinn', postalCode: '10117', country: 'Eesti', countryCode: 'ee' },
  registrationNumber: '12345678',
  taxId: 'ee 100 200 300',
  peppolId: '0191:12345678',
  eInvoicing: true,
  bank: { iban: 'EE38 2200 2210 2014 5685' },
};

describe('PATCH /v1/tenant: Estonian codes and the e-invoice fields', () => {
  it('keeps a good Estonian profile: country code and VAT number upper case and compact, Peppol id, eInvoicing', async () => {
    const t = await newTenant('Codes Good');
    const res = expectStatus(await patch(t.ownerKey, estonian), 200);
    expect(res.body.profile).toEqual({
      ...estonian,
      address: { ...estonian.address, countryCode: 'EE' },
      taxId: 'EE100200300',
      bank: { iban: 'EE382200221020145685' },
    });
    expect((await read(t.ownerKey)).profile).toEqual(res.body.profile);
    // A VAT number that is not Estonian is kept as typed; eInvoicing false stays false, null removes it.
    const other = expectStatus(await patch(t.ownerKey, { taxId: 'DE 123 456 789', eInvoicing: false }), 200).body;
    expect(other.profile).toMatchObject({ taxId: 'DE 123 456 789', eInvoicing: false });
    const cleared = expectStatus(await patch(t.ownerKey, { eInvoicing: null, peppolId: null }), 200).body;
    expect(cleared.profile.eInvoicing).toBeUndefined();
    expect(cleared.profile.peppolId).toBeUndefined();
  });

  it('refuses each bad value with 400 naming it, and changes nothing', async () => {
    const t = await newTenant('Codes Bad');
    expectStatus(await patch(t.ownerKey, { legalName: 'Arved OÜ' }), 200);
    const before = await read(t.ownerKey);
    const cases: Array<[unknown, string]> = [
      [{ address: { countryCode: 'EU' } }, 'body.profile.address.countryCode'],
      [{ address: { countryCode: 'EST' } }, 'body.profile.address.countryCode'],
      [{ address: { countryCode: 'UK' } }, 'body.profile.address.countryCode'],
      [{ taxId: 'EE12345678' }, 'body.profile.taxId'],
      [{ taxId: 'EE1234567890' }, 'body.profile.taxId'],
      [{ peppolId: '12345678' }, 'body.profile.peppolId'],
      [{ peppolId: '0191:1234567' }, 'body.profile.peppolId'],
      [{ eInvoicing: 'yes' }, 'body.profile.eInvoicing'],
      [{ bank: { iban: 'EE382200221020145684' } }, 'body.profile.bank.iban'],
      [{ bank: { iban: 'EE38 2200 2210 2014 5685 1' } }, 'body.profile.bank.iban'],
      [{ registrationNumber: 'HRB 12345', address: { countryCode: 'EE' } }, 'body.profile.registrationNumber'],
    ];
    for (const [profile, path] of cases) {
      const res = await patch(t.ownerKey, profile);
      expectStatus(res, 400, JSON.stringify(profile));
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(paths(res), JSON.stringify(profile)).toEqual([path]);
    }
    const length = await patch(t.ownerKey, { bank: { iban: 'EE38 2200 2210 2014 5685 1' } });
    expect(length.body.errors[0].message).toMatch(/20 characters for EE/);
    expect(await read(t.ownerKey)).toEqual(before);
  });

  it('checks the registry code against the country the stored profile holds, and names what changed', async () => {
    const t = await newTenant('Codes Country');
    expectStatus(await patch(t.ownerKey, { address: { countryCode: 'EE' } }), 200);
    const number = await patch(t.ownerKey, { registrationNumber: '1234567' });
    expectStatus(number, 400);
    expect(paths(number)).toEqual(['body.profile.registrationNumber']);
    expect(number.body.errors[0].message).toMatch(/8 digits/);
    // A German number is fine for a German tenant; turning the tenant Estonian is refused at the country.
    expectStatus(await patch(t.ownerKey, { address: { countryCode: 'DE' }, registrationNumber: 'HRB 12345' }), 200);
    const country = await patch(t.ownerKey, { address: { countryCode: 'EE' } });
    expectStatus(country, 400);
    expect(paths(country)).toEqual(['body.profile.address.countryCode']);
    expect(country.body.errors[0].message).toContain('HRB 12345');
    expect((await read(t.ownerKey)).profile).toEqual({
      address: { countryCode: 'DE' },
      registrationNumber: 'HRB 12345',
    });
  });

  it('keeps a profile stored before these checks readable and editable in its other fields', async () => {
    const t = await newTenant('Codes Legacy');
    const legacy = {
      legalName: 'Vana OÜ',
      address: { countryCode: 'EE' },
      registrationNumber: 'HRB 1',
      taxId: 'EE1',
      peppolId: 'nonsense',
      bank: { iban: 'EE3822002210201456' },
    };
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: tenantPk(t.id), sk: META },
        UpdateExpression: 'SET profile = :p',
        ExpressionAttributeValues: { ':p': legacy },
      }),
    );
    expect((await read(t.ownerKey)).profile).toEqual(legacy);
    const res = expectStatus(await patch(t.ownerKey, { legalName: 'Vana Kaupmees OÜ', eInvoicing: true }), 200);
    expect(res.body.profile).toEqual({ ...legacy, legalName: 'Vana Kaupmees OÜ', eInvoicing: true });
    // Sent again, a stored value is checked like any other.
    const resent = await patch(t.ownerKey, { registrationNumber: 'HRB 1' });
    expect(paths(resent)).toEqual(['body.profile.registrationNumber']);
  });

  it('shows the new fields to templates: GET /v1/template-schemas/{entity}', async () => {
    const t = await newTenant('Codes Schema');
    const schema = expectStatus(await call('GET', '/v1/template-schemas/deal', { key: t.ownerKey }), 200).body;
    const tenant = schema.properties.tenant.properties;
    expect(tenant.address.properties.countryCode).toMatchObject({ type: 'string' });
    expect(tenant.peppolId).toMatchObject({ type: 'string' });
    expect(tenant.eInvoicing).toMatchObject({ type: 'boolean' });
    expect(schema.properties.company.properties.address.properties.countryCode).toMatchObject({ type: 'string' });
    expect(schema.properties.company.properties.peppolId).toMatchObject({ type: 'string' });
    expect(schema.properties.contact.properties.personalCode).toMatchObject({ type: 'string' });
  });
});
