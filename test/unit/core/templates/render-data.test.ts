import { describe, expect, it } from 'vitest';
import type { CrmRecord } from '#core/records/record';
import { documentFacts } from '#core/templates/document-facts';
import { renderData, withNumber } from '#core/templates/render-data';

const deal = (fields: Record<string, unknown>): CrmRecord => ({
  id: 'deal_1',
  entity: 'deal',
  version: 1,
  ownerId: null,
  fields: { title: 'T', ...fields },
  custom: {},
  createdAt: '2026-12-06T10:00:00.000Z',
  updatedAt: '2026-12-06T10:00:00.000Z',
  createdBy: 'usr_1',
  updatedBy: 'usr_1',
});

const data = (record: CrmRecord, profile = {}) =>
  renderData({
    record,
    linked: [],
    fields: [],
    tenant: { name: 'Arved', profile: { legalName: 'Arved OÜ', bank: { iban: 'EE382200221020145685' }, ...profile } },
    user: { id: 'usr_1', role: 'member' },
    document: { number: '', name: 'Arve', ...documentFacts({ issueDate: '2026-12-06' }, '', 7, undefined) },
    locale: 'et-EE',
  });

describe('render data (issue 21)', () => {
  it('computes the totals from the lines, ignoring stored ones, and keeps JPY whole with no EUR payment QR', () => {
    const record = deal({
      currency: 'JPY',
      lineItems: [1, 2, 3].map((i) => ({ name: `x${i}`, quantity: 1, unitPrice: 7, discount: 0, taxRate: 22 })),
      totals: { net: 21, tax: 3, gross: 24 },
    });
    const d = withNumber(data(record), 'A-1') as any;
    expect(d.totals).toEqual({ net: 21, tax: 5, gross: 26, taxes: [{ category: 'S', rate: 22, net: 21, tax: 5 }] });
    expect(d.record.totals).toEqual(d.totals);
    expect(d.lineItems[0]).toMatchObject({ taxCategory: 'S', net: 7, tax: 2 });
    expect(d.payment).toEqual({});
    expect(d.document).toMatchObject({
      number: 'A-1',
      date: '2026-12-06',
      issueDate: '2026-12-06',
      dueDate: '2026-12-13',
      paymentTermDays: 7,
      referenceNumber: '13',
      draft: false,
    });
  });

  it("fills the profile's defaults, no name for a sender without one, and draws the QR for a EUR total", () => {
    const record = deal({
      currency: 'EUR',
      lineItems: [{ name: 'x', quantity: 1, unitPrice: 10, discount: 0, taxRate: 22 }],
    });
    const d = withNumber(data(record), '2026-0001') as any;
    expect(d.tenant).toMatchObject({ locale: 'en', timeZone: 'Europe/Tallinn', paymentTermDays: 14, name: 'Arved' });
    expect((withNumber(data(record, { locale: 'et' }), '1') as any).tenant.locale).toBe('et');
    // A sender without a name has none in the data: their id is no signature.
    expect(d.user).toEqual({ id: 'usr_1', role: 'member' });
    expect(d.document.referenceNumber).toBe('202600017');
    expect(d.payment.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    // A credit note has nothing to pay: no QR.
    const credit = deal({
      currency: 'EUR',
      lineItems: [{ name: 'x', quantity: 1, unitPrice: -10, discount: 0, taxRate: 22 }],
    });
    expect((withNumber(data(credit), '2026-0002') as any).payment).toEqual({});
  });

  it('dates the issue in the tenant time zone when the request gives no date', () => {
    // 23:30 UTC on 6 December is already 7 December in Tallinn.
    expect(documentFacts({}, '2026-12-06T23:30:00.000Z', undefined, undefined)).toEqual({
      issueDate: '2026-12-07',
      dueDate: '2026-12-21',
      paymentTermDays: 14,
    });
    expect(documentFacts({}, '2026-12-06T23:30:00.000Z', undefined, { timeZone: 'UTC', paymentTermDays: 0 })).toEqual({
      issueDate: '2026-12-06',
      dueDate: '2026-12-06',
      paymentTermDays: 0,
    });
  });
});
