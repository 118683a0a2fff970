import { describe, expect, it } from 'vitest';
import { eInvoiceMissing, eInvoicePrecheck } from '#core/einvoice/precheck';
import { EINVOICE_CASES } from '#test/fixtures/einvoice/cases';
import { invoiceData } from '#test/fixtures/einvoice/invoice-data';

// Issue 22: what an e-invoice needs is checked before generating, named as the API names it.

const line = { name: 'Tarkvara', quantity: 1, unitPrice: 100 };
const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

describe('eInvoicePrecheck (issue 22)', () => {
  it.each(Object.entries(EINVOICE_CASES))('%s: nothing missing, nothing invalid', (_name, c) => {
    expect(eInvoicePrecheck(c.data(), c.opts)).toEqual({ missing: [], invalid: [] });
  });

  it('names each tenant and company field the rules need that is not filled in', () => {
    const data = invoiceData({
      lines: [line],
      profile: {
        legalName: undefined,
        taxId: undefined,
        registrationNumber: undefined,
        address: { city: 'Tartu' },
        bank: {},
      },
      company: null,
    });
    expect(eInvoiceMissing(data)).toEqual([
      'tenant.profile.legalName',
      'tenant.profile.taxId',
      'tenant.profile.address.countryCode',
      'tenant.profile.bank.iban',
      'tenant.profile.peppolId',
      'company.name',
      'company.address.countryCode',
      'company.peppolId',
    ]);
    const { missing } = eInvoicePrecheck(data);
    expect(missing.find((p) => p.path === 'tenant.profile.taxId')?.message).toContain('VAT number');
    expect(missing.find((p) => p.path === 'company.peppolId')?.message).toContain('PEPPOL-EN16931-R010');
  });

  it('takes a registration code for a seller not subject to VAT, and a country name Eesti for EE', () => {
    const data = invoiceData({
      lines: [{ ...line, taxRate: 0, taxCategory: 'O' }],
      profile: { taxId: undefined, address: { city: 'Tartu', country: 'Eesti' } },
    });
    expect(eInvoicePrecheck(data)).toEqual({ missing: [], invalid: [] });
    const neither = invoiceData({
      lines: [{ ...line, taxRate: 0, taxCategory: 'O' }],
      profile: { taxId: undefined, registrationNumber: undefined, peppolId: '0191:12345678' },
    });
    expect(eInvoicePrecheck(neither).missing).toEqual([
      { path: 'tenant.profile.taxId', message: expect.stringContaining('tenant.profile.registrationNumber') },
    ]);
  });

  it('needs the buyer’s Peppol id when it is not an Estonian company with a registration code', () => {
    const foreign = { address: { city: 'Riga', countryCode: 'LV' } };
    expect(eInvoiceMissing(invoiceData({ lines: [line], company: foreign }))).toEqual(['company.peppolId']);
    const given = { ...foreign, peppolId: '9939:LV40003245752' };
    expect(eInvoiceMissing(invoiceData({ lines: [line], company: given }))).toEqual([]);
    const bad = eInvoicePrecheck(invoiceData({ lines: [line], company: { ...foreign, peppolId: '1234:x' } }));
    expect(bad.invalid).toEqual([
      { path: 'company.peppolId', message: expect.stringContaining('PEPPOL-EN16931-CL008') },
    ]);
    expect(eInvoicePrecheck(invoiceData({ lines: [line], profile: { peppolId: 'LV40003245752' } })).invalid).toEqual([
      { path: 'tenant.profile.peppolId', message: 'must be scheme:id, like 0191:12345678' },
    ]);
  });

  it('needs no IBAN for a credit note (the seller is not paid)', () => {
    const profile = { bank: {} };
    expect(eInvoiceMissing(invoiceData({ lines: [line], profile }))).toEqual(['tenant.profile.bank.iban']);
    expect(eInvoiceMissing(invoiceData({ lines: [line], profile }), { creditNote: true })).toEqual([]);
    expect(eInvoiceMissing(invoiceData({ lines: [{ ...line, unitPrice: -100 }], profile }))).toEqual([]);
  });

  it('names what the German rules (DE-R-*) need when seller and buyer are both German', () => {
    const de = (address: object) => ({ address: { countryCode: 'DE', ...address } });
    const data = invoiceData({
      lines: [line],
      profile: { ...de({ city: 'Berlin' }), phone: undefined, peppolId: '9930:DE123456789' },
      company: { ...de({}), peppolId: '9930:DE811907980' },
    });
    expect(eInvoiceMissing(data)).toEqual([
      'tenant.profile.address.postalCode',
      'tenant.profile.phone',
      'company.address.city',
      'company.address.postalCode',
    ]);
    expect(eInvoicePrecheck(data).missing[1].message).toBe('required between German parties (DE-R-006)');
  });

  it('names what a reverse-charged, intra-community or export line needs of the parties', () => {
    const ae = invoiceData({
      lines: [{ ...line, taxRate: 0, taxCategory: 'AE' }],
      company: { taxId: undefined, registrationNumber: undefined, peppolId: '0191:87654321' },
    });
    expect(eInvoiceMissing(ae)).toEqual(['company.taxId']);
    const k = invoiceData({ lines: [{ ...line, taxRate: 0, taxCategory: 'K' }], company: { taxId: '12345' } });
    expect(eInvoiceMissing(k)).toEqual(['company.taxId', 'deliveryDate']);
    const g = invoiceData({ lines: [{ ...line, taxRate: 0, taxCategory: 'G' }], profile: { taxId: '123-45' } });
    expect(eInvoiceMissing(g)).toEqual(['tenant.profile.taxId']);
  });

  it('refuses a document that cannot be an e-invoice, naming each line', () => {
    expect(eInvoicePrecheck(invoiceData({ lines: [] })).invalid).toEqual([
      { path: 'lineItems', message: 'an e-invoice needs at least one line (BR-16)' },
    ]);
    const bad = invoiceData({
      lines: [
        line,
        { ...line, quantity: 0 },
        { ...line, unitPrice: 1.005 },
        { ...line, taxRate: 0, taxCategory: 'E' },
        { ...line, taxRate: 0, taxCategory: 'E', taxExemptionReason: 'KMS § 16' },
        { ...line, taxRate: 0 },
      ],
    });
    expect(eInvoicePrecheck(bad).invalid).toEqual([
      { path: 'lineItems[1].quantity', message: 'must be greater than 0' },
      { path: 'lineItems[2].unitPrice', message: 'must have at most 2 decimals in EUR' },
      { path: 'lineItems[3].taxExemptionReason', message: expect.stringContaining('BR-E-10') },
    ]);
    const yen = invoiceData({ currency: 'JPY', lines: [{ ...line, unitPrice: 100.5 }] });
    expect(eInvoicePrecheck(yen).invalid).toEqual([
      { path: 'lineItems[0].unitPrice', message: 'must be a whole number in JPY' },
    ]);
  });

  it('refuses an unknown currency, a third decimal EN 16931 cannot state, and O mixed with other categories', () => {
    expect(eInvoicePrecheck(invoiceData({ currency: 'ABC', lines: [line] })).invalid).toEqual([
      { path: 'currency', message: expect.stringContaining('ISO 4217') },
    ]);
    expect(eInvoicePrecheck(invoiceData({ currency: 'KWD', lines: [line] })).invalid).toEqual([]);
    expect(
      paths(eInvoicePrecheck(invoiceData({ currency: 'KWD', lines: [{ ...line, unitPrice: 1.005 }] })).invalid),
    ).toEqual(['lineItems[0]', 'currency']);
    const mixed = invoiceData({ lines: [line, { ...line, taxRate: 0, taxCategory: 'O' }] });
    expect(eInvoicePrecheck(mixed).invalid).toEqual([
      { path: 'lineItems[0].taxCategory', message: expect.stringContaining('BR-O-12') },
    ]);
  });
});
