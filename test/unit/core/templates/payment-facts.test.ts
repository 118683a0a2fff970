import { describe, expect, it } from 'vitest';
import { epcPayload, paymentQr, type PaymentQrInput } from '#core/templates/payment-qr';
import { checkDigit731, creditorReference, referenceOf, referenceProblem } from '#core/templates/reference-number';

describe('reference numbers (viitenumber, 7-3-1)', () => {
  it('appends the 7-3-1 check digit to the digits of the document number', () => {
    expect(checkDigit731('12131295')).toBe(2);
    expect(referenceOf('12131295')).toBe('121312952');
    expect(referenceOf('ARVE-2026/0042')).toBe('202600428');
    expect(referenceOf('1')).toBe('13');
  });

  it('keeps the last 19 digits of a longer number, and gives none for a number without digits', () => {
    const ref = referenceOf('INV-12345678901234567890123')!;
    expect(ref).toHaveLength(20);
    expect(ref.slice(0, 19)).toBe('5678901234567890123');
    expect(referenceProblem(ref)).toBeUndefined();
    expect(referenceOf('PREVIEW')).toBeUndefined();
    expect(referenceOf('')).toBeUndefined();
  });

  it('checks a given reference: digits, 2 to 20 of them, the check digit right', () => {
    expect(referenceProblem('121312952')).toBeUndefined();
    expect(referenceProblem('121312953')).toMatch(/check digit.*12131295 ends in 2/);
    expect(referenceProblem('1')).toBe('must be 2 to 20 digits');
    expect(referenceProblem('12 131 2952')).toBe('must be 2 to 20 digits');
    expect(referenceProblem('1'.repeat(21))).toBe('must be 2 to 20 digits');
  });

  it('wraps a reference as an ISO 11649 creditor reference (RF)', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(creditorReference('121312952')).toMatch(/^RF\d\d121312952$/);
  });
});

describe('the EPC QR code (EPC069-12)', () => {
  const base: PaymentQrInput = {
    name: 'Näide OÜ',
    iban: 'EE382200221020145685',
    bic: 'HABAEE2X',
    currency: 'EUR',
    amount: 1234.5,
    referenceNumber: '121312952',
    text: 'Arve 2026-0001',
  };

  it('puts the fields in EPC order: service tag, version, UTF-8, SCT, BIC, name, IBAN, amount, purpose, reference', () => {
    expect(epcPayload(base)!.split('\n')).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      'HABAEE2X',
      'Näide OÜ',
      'EE382200221020145685',
      'EUR1234.50',
      '',
      creditorReference('121312952'),
    ]);
  });

  it('uses the free text when there is no reference, leaves out an absent BIC, and formats cents', () => {
    const lines = epcPayload({ ...base, bic: undefined, referenceNumber: undefined, amount: 12.34 })!.split('\n');
    expect(lines).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      '',
      'Näide OÜ',
      'EE382200221020145685',
      'EUR12.34',
      '',
      '',
      'Arve 2026-0001',
    ]);
  });

  it('cuts the name at 70 characters and the text at 140, shortening the text to stay within 331 bytes', () => {
    const long = epcPayload({ ...base, name: 'O'.repeat(90), referenceNumber: undefined, text: 'x'.repeat(200) })!;
    expect(long.split('\n')[5]).toBe('O'.repeat(70));
    expect(long.split('\n')[10]).toBe('x'.repeat(140));
    const wide = epcPayload({ ...base, name: 'Õ'.repeat(90), referenceNumber: undefined, text: 'x'.repeat(200) })!;
    expect(wide.split('\n')[5]).toBe('Õ'.repeat(70));
    expect(wide.split('\n')[10]).toMatch(/^x{100,139}$/);
    expect(new TextEncoder().encode(wide).length).toBe(331);
  });

  it('has none for another currency, no IBAN, a zero or credit amount, or more than 999 999 999.99', () => {
    for (const change of [
      { currency: 'USD' },
      { iban: '' },
      { amount: 0 },
      { amount: -10 },
      { amount: 1_000_000_000 },
      { name: ' ' },
    ])
      expect(epcPayload({ ...base, ...change })).toBeUndefined();
    expect(epcPayload({ ...base, amount: 999_999_999.99 })).toContain('EUR999999999.99');
  });

  it('draws the payload as an SVG data: URI, and nothing when there is no payload', () => {
    const uri = paymentQr(base)!;
    expect(uri).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(uri.split(',')[1], 'base64').toString();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
    expect(paymentQr({ ...base, currency: 'JPY' })).toBeUndefined();
  });
});
