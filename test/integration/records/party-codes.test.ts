import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient, tableName } from '#store/dynamo/client';
import { META, recordPk } from '#store/dynamo/keys';
import { call, expectStatus, newTenant } from '../api-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { convert, conversionOf, world } from '../conversion/helpers';
import { create, errorPaths, getRecord, listRecords, patchRecord, tenantState } from './helpers';

// Issue 22: a company's country code, Peppol id, Estonian VAT number and registry code, and a
// contact's personal code (isikukood), checked where they are entered; existing data keeps working.

useLocalRuntimeFromThisProcess();

const ESTONIAN = {
  name: 'Kliendi AS',
  taxId: 'ee 100-200-300',
  registrationNumber: '87654321',
  address: { street: 'Riia 1', city: 'Tartu', country: 'Eesti', countryCode: 'ee' },
  peppolId: '0191:87654321',
};

describe('companies and contacts: Estonian codes', () => {
  it('keeps good values: country code upper case, VAT number compact, Peppol id, personal code', async () => {
    const t = await newTenant('Party Good');
    const company = await create(t, 'company', ESTONIAN);
    expect(company).toMatchObject({
      taxId: 'EE100200300',
      registrationNumber: '87654321',
      address: { ...ESTONIAN.address, countryCode: 'EE' },
      peppolId: '0191:87654321',
    });
    expect(expectStatus(await getRecord(t, 'company', company.id), 200).body).toMatchObject(company);
    const contact = await create(t, 'contact', { firstName: 'Mari', personalCode: '49403130010' });
    expect(expectStatus(await getRecord(t, 'contact', contact.id), 200).body.personalCode).toBe('49403130010');
    // Not Estonian: left as they are (HRB 12345 with a German address, a short German VAT number).
    const german = await create(t, 'company', {
      name: 'Deutsche GmbH',
      taxId: 'DE1',
      registrationNumber: 'HRB 12345',
      address: { countryCode: 'DE' },
    });
    expect(german).toMatchObject({ taxId: 'DE1', registrationNumber: 'HRB 12345' });
  });

  it('refuses each bad value on create and on PATCH with 400 naming it, and writes nothing', async () => {
    const t = await newTenant('Party Bad');
    const company = await create(t, 'company', ESTONIAN);
    const contact = await create(t, 'contact', { firstName: 'Mari', personalCode: '37605030299' });
    const before = await tenantState(t.id);
    const companyCases: Array<[Record<string, unknown>, string]> = [
      [{ taxId: 'EE12345678' }, 'body.taxId'],
      [{ registrationNumber: '1234567' }, 'body.registrationNumber'],
      [{ address: { countryCode: 'XX' } }, 'body.address.countryCode'],
      [{ address: { countryCode: 'Estonia' } }, 'body.address.countryCode'],
      [{ peppolId: '0191-87654321' }, 'body.peppolId'],
      [{ peppolId: '9931:100200300' }, 'body.peppolId'],
    ];
    for (const [body, path] of companyCases) {
      const created = await call('POST', '/v1/companies', { key: t.ownerKey, body: { ...ESTONIAN, ...body } });
      expectStatus(created, 400, JSON.stringify(body));
      expect(errorPaths(created), JSON.stringify(body)).toEqual([path]);
      const patched = await patchRecord(t, 'company', company.id, body);
      expectStatus(patched, 400, JSON.stringify(body));
      expect(errorPaths(patched), JSON.stringify(body)).toEqual([path]);
    }
    for (const personalCode of ['37605030298', '3760503029', '77605030299', '37602300299', 'x7605030299']) {
      const created = await call('POST', '/v1/contacts', { key: t.ownerKey, body: { firstName: 'A', personalCode } });
      expectStatus(created, 400, personalCode);
      expect(errorPaths(created)).toEqual(['body.personalCode']);
      const patched = await patchRecord(t, 'contact', contact.id, { personalCode });
      expect(errorPaths(patched), personalCode).toEqual(['body.personalCode']);
    }
    const wrongDigit = await patchRecord(t, 'contact', contact.id, { personalCode: '37605030298' });
    expect(wrongDigit.body.errors[0].message).toMatch(/check digit/);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it("checks a company's registry code against the country it has, stored or sent, naming what was sent", async () => {
    const t = await newTenant('Party Country');
    const company = await create(t, 'company', { name: 'Segane OÜ', address: { countryCode: 'EE' } });
    const number = await patchRecord(t, 'company', company.id, { registrationNumber: 'HRB 12345' });
    expectStatus(number, 400);
    expect(errorPaths(number)).toEqual(['body.registrationNumber']);
    const german = await create(t, 'company', { name: 'Segane GmbH', registrationNumber: 'HRB 12345' });
    const country = await patchRecord(t, 'company', german.id, { address: { city: 'Tallinn', countryCode: 'EE' } });
    expectStatus(country, 400);
    expect(errorPaths(country)).toEqual(['body.address.countryCode']);
    expect(country.body.errors[0].message).toContain('HRB 12345');
    expect(expectStatus(await getRecord(t, 'company', german.id), 200).body.address).toBeUndefined();
  });

  it('keeps records stored before these checks readable and editable in their other fields', async () => {
    const t = await newTenant('Party Legacy');
    const company = await create(t, 'company', { name: 'Vana AS', address: { countryCode: 'EE' } });
    const contact = await create(t, 'contact', { firstName: 'Vana' });
    const store = async (entity: 'company' | 'contact', id: string, fields: Record<string, unknown>) => {
      const names = Object.fromEntries(Object.keys(fields).map((k, i) => [`#f${i}`, k]));
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: recordPk(t.id, entity, id), sk: META },
          UpdateExpression: `SET ${Object.keys(fields)
            .map((_, i) => `#r.#fields.#f${i} = :v${i}`)
            .join(', ')}`,
          ExpressionAttributeNames: { '#r': 'record', '#fields': 'fields', ...names },
          ExpressionAttributeValues: Object.fromEntries(Object.values(fields).map((v, i) => [`:v${i}`, v])),
        }),
      );
    };
    const oldCompany = { registrationNumber: 'HRB 1', taxId: 'EE1', peppolId: 'nonsense' };
    await store('company', company.id, oldCompany);
    await store('contact', contact.id, { personalCode: '12345678901' });
    expect(expectStatus(await getRecord(t, 'company', company.id), 200).body).toMatchObject(oldCompany);
    const renamed = expectStatus(await patchRecord(t, 'company', company.id, { name: 'Vana ja Uus AS' }), 200).body;
    expect(renamed).toMatchObject({ ...oldCompany, name: 'Vana ja Uus AS', address: { countryCode: 'EE' } });
    const moved = expectStatus(await patchRecord(t, 'contact', contact.id, { position: 'CEO' }), 200).body;
    expect(moved).toMatchObject({ personalCode: '12345678901', position: 'CEO' });
    // Sent, a stored value is checked like any other.
    expect(errorPaths(await patchRecord(t, 'company', company.id, { registrationNumber: 'HRB 1' }))).toEqual([
      'body.registrationNumber',
    ]);
  });

  it('never indexes a personal code: a search or lookup by it finds nothing', async () => {
    const t = await newTenant('Party Search');
    const contact = await create(t, 'contact', {
      firstName: 'Peeter',
      lastName: 'Otsitav',
      personalCode: '37605030299',
    });
    const found = async (query: string) => expectStatus(await listRecords(t, 'contact', query), 200).body.items;
    expect((await found('q=peeter')).map((c: { id: string }) => c.id)).toEqual([contact.id]);
    for (const query of ['q=37605030299', 'q=3760503', 'q=376']) expect(await found(query), query).toEqual([]);
    // There is no lookup parameter for it either.
    expectStatus(await listRecords(t, 'contact', 'personalCode=37605030299'), 400);
    // No search item, and no key of the record's item (its list and index keys), holds it; only the
    // record itself, its timeline (the change history GET already shows) and its event's snapshot do.
    const items = await tenantState(t.id);
    const keys = items.map(({ record: _record, entry: _entry, event: _event, ...keyAttributes }) => keyAttributes);
    expect(JSON.stringify(keys)).not.toContain('3760503');
    expect(items.filter((i) => i.kind === 'search').map((i) => i.sk)).toEqual([
      `S#otsitav#${contact.id}`,
      `S#peeter otsitav#${contact.id}`,
    ]);
  });

  it('checks the codes a lead conversion is given for the company and contact it creates', async () => {
    const w = await world();
    const bad = await convert(w.key, w.lead.id, {
      contact: { create: { personalCode: '37605030298' } },
      company: { create: { taxId: 'EE1', address: { countryCode: 'EE' }, registrationNumber: 'HRB 1' } },
    });
    expectStatus(bad, 400);
    expect(errorPaths(bad)).toEqual(
      expect.arrayContaining(['body.company.create.taxId', 'body.contact.create.personalCode']),
    );
    const crossField = await convert(w.key, w.lead.id, {
      company: { create: { address: { countryCode: 'EE' }, registrationNumber: 'HRB 1' } },
    });
    expectStatus(crossField, 400);
    expect(errorPaths(crossField)).toEqual(['body.company.create.registrationNumber']);
    const done = conversionOf(
      await convert(w.key, w.lead.id, {
        contact: { create: { personalCode: '37605030299' } },
        company: {
          create: { address: { countryCode: 'EE' }, registrationNumber: '87654321', peppolId: '0191:87654321' },
        },
      }),
    );
    const company = expectStatus(await getRecord(w.key, 'company', done.companyId), 200).body;
    expect(company).toMatchObject({ registrationNumber: '87654321', peppolId: '0191:87654321' });
  });
});
