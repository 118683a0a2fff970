import { describe, expect, it } from 'vitest';
import { compactBankCode, isBic, isIban } from '#core/tenancy/bank-codes';
import { mergePatch } from '#core/tenancy/tenant-settings';

describe('IBAN and BIC', () => {
  it('accepts IBANs whose check digits hold, from several countries, once compacted', () => {
    for (const iban of [
      'DE89 3704 0044 0532 0130 00',
      'gb82 west 1234 5698 7654 32',
      'FR14 2004 1010 0505 0001 3M02 606',
    ])
      expect(isIban(compactBankCode(iban)), iban).toBe(true);
  });

  it('refuses wrong check digits, a transposition, and the wrong shape', () => {
    expect(isIban('DE88370400440532013000')).toBe(false);
    expect(isIban('DE89370400440532031000')).toBe(false);
    expect(isIban('DE8937040044')).toBe(false);
    expect(isIban('1289370400440532013000')).toBe(false);
  });

  it('accepts 8- and 11-character BICs only', () => {
    expect(isBic('COBADEFF')).toBe(true);
    expect(isBic(compactBankCode('cobadeff xxx'))).toBe(true);
    expect(isBic('COBADEF')).toBe(false);
    expect(isBic('COBA1EFFXXX')).toBe(false);
    expect(isBic('COBADEFFXX')).toBe(false);
  });
});

describe('JSON merge patch (RFC 7396)', () => {
  const profile = { legalName: 'Acme', bank: { name: 'B', iban: 'X' }, phone: '1' };

  it('replaces members sent, keeps the others, merges nested objects', () => {
    expect(mergePatch(profile, { legalName: 'Acme GmbH', bank: { bic: 'Y' } })).toEqual({
      legalName: 'Acme GmbH',
      bank: { name: 'B', iban: 'X', bic: 'Y' },
      phone: '1',
    });
  });

  it('removes members given null, and leaves nothing empty behind', () => {
    expect(mergePatch(profile, { phone: null, bank: { name: null, iban: null } })).toEqual({ legalName: 'Acme' });
    expect(mergePatch(profile, { legalName: null, bank: null, phone: null })).toBeUndefined();
    expect(mergePatch(profile, null)).toBeUndefined();
  });

  it('keeps the target when the patch is absent and builds from nothing when the target is', () => {
    expect(mergePatch(profile, undefined)).toBe(profile);
    expect(mergePatch(undefined, { email: 'a@b.c', bank: { iban: null } })).toEqual({ email: 'a@b.c' });
  });
});
