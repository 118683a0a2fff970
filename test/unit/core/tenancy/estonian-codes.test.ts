import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, isCountryCode } from '#core/tenancy/country-codes';
import { ibanProblem, isIban } from '#core/tenancy/bank-codes';
import {
  peppolEndpoint,
  peppolIdProblem,
  personalCodeCheckDigit,
  personalCodeProblem,
  registryCodeErrors,
  registryCodeProblem,
  vatNumberProblem,
} from '#core/tenancy/estonian-codes';

describe('Estonian personal code (isikukood)', () => {
  it('accepts the published example and codes whose check digit comes from each weight set', () => {
    // 37605030299: the example the Estonian ID documentation publishes (a man born 3 May 1976).
    // The others were computed by an independent implementation: the first weight set decides
    // (…0010, and 1800s code …0002), the first gives 10 and the second decides (…0003), both give 10 and the digit is 0 (…1150, …0040).
    for (const code of ['37605030299', '49403130010', '49403130003', '49403131150', '50001010040', '10001010002'])
      expect(personalCodeProblem(code), code).toBeUndefined();
    expect(personalCodeCheckDigit('3760503029')).toBe(9);
  });

  it('refuses a wrong check digit, a wrong length, a first digit outside 1–6 and a date that is none', () => {
    expect(personalCodeProblem('37605030298')).toMatch(/check digit.*ends in 9/);
    expect(personalCodeProblem('3760503029')).toMatch(/11 digits/);
    expect(personalCodeProblem('376050302990')).toMatch(/11 digits/);
    expect(personalCodeProblem('3760503029x')).toMatch(/11 digits/);
    expect(personalCodeProblem('07605030299')).toMatch(/1 to 6/);
    expect(personalCodeProblem('77605030299')).toMatch(/1 to 6/);
    // 30 February 1976, and 29 February of 1900 (not a leap year) with otherwise right check digits.
    const withCheck = (first10: string) => `${first10}${personalCodeCheckDigit(first10)}`;
    expect(personalCodeProblem(withCheck('3760230029'))).toMatch(/1976-02-30 is none/);
    expect(personalCodeProblem(withCheck('3000229029'))).toMatch(/1900-02-29 is none/);
    expect(personalCodeProblem(withCheck('5000229029'))).toBeUndefined(); // 2000 was a leap year
    expect(personalCodeProblem(withCheck('3761303029'))).toMatch(/birth date/);
  });
});

describe('registry code, VAT number, Peppol id', () => {
  it('takes 8 digits as a registry code, nothing else', () => {
    expect(registryCodeProblem('12345678')).toBeUndefined();
    for (const bad of ['1234567', '123456789', 'HRB 12345', '1234 5678', ''])
      expect(registryCodeProblem(bad), bad).toMatch(/8 digits/);
  });

  it('checks VAT numbers that start with EE only: EE and 9 digits', () => {
    for (const ok of ['EE100200300', 'EE123456789', 'DE123456789', 'DE1', 'HRB 12345', 'GB999'])
      expect(vatNumberProblem(ok), ok).toBeUndefined();
    for (const bad of ['EE12345678', 'EE1234567890', 'EE12345678X', 'EE'])
      expect(vatNumberProblem(bad), bad).toMatch(/EE and 9 digits/);
  });

  it('reads a Peppol id as a 4-digit scheme and an id, Estonian schemes checked further', () => {
    for (const ok of ['0191:12345678', '9931:EE100200300', '0088:5798000000001', '0208:0123456789'])
      expect(peppolIdProblem(ok), ok).toBeUndefined();
    for (const bad of ['12345678', '191:12345678', '0191:', '0191: 12345678', `0088:${'1'.repeat(51)}`])
      expect(peppolIdProblem(bad), bad).toMatch(/scheme:id/);
    expect(peppolIdProblem('0191:1234567')).toMatch(/registry code after 0191/);
    expect(peppolIdProblem('9931:100200300')).toMatch(/VAT number after 9931/);
  });

  it('checks a registration number against the country only when either is sent, naming the one sent', () => {
    const ee = (registrationNumber?: string) => ({ registrationNumber, address: { countryCode: 'EE' } });
    expect(registryCodeErrors(ee('12345678'), ee('12345678'))).toEqual([]);
    const german = { registrationNumber: 'HRB 12345', address: { countryCode: 'DE' } };
    expect(registryCodeErrors(german, german)).toEqual([]);
    expect(registryCodeErrors(ee('HRB 12345'), { registrationNumber: 'HRB 12345' })).toEqual([
      { path: 'registrationNumber', message: expect.stringMatching(/8 digits/) },
    ]);
    // Stored before the rule: an edit of something else is not refused because of it.
    expect(registryCodeErrors(ee('HRB 12345'), { legalName: 'X' } as object)).toEqual([]);
    expect(registryCodeErrors(ee('HRB 12345'), undefined)).toEqual([]);
    // The country sent is what makes the stored number Estonian: the error names the country.
    expect(registryCodeErrors(ee('HRB 12345'), { address: { countryCode: 'EE' } })).toEqual([
      { path: 'address.countryCode', message: expect.stringMatching(/HRB 12345/) },
    ]);
    expect(registryCodeErrors(ee(undefined), { address: { countryCode: 'EE' } })).toEqual([]);
  });
});

describe('Peppol endpoint of a party', () => {
  it("takes the party's own peppolId, else 0191 and the registry code of an Estonian party, else none", () => {
    const ee = { registrationNumber: '12345678', address: { countryCode: 'EE' } };
    expect(peppolEndpoint(ee)).toEqual({ scheme: '0191', id: '12345678' });
    expect(peppolEndpoint({ ...ee, peppolId: '9931:EE100200300' })).toEqual({ scheme: '9931', id: 'EE100200300' });
    expect(peppolEndpoint({ peppolId: '0088:5798000000001' })).toEqual({ scheme: '0088', id: '5798000000001' });
    // Not Estonian, or an Estonian one whose stored code is not 8 digits, or a stored id that is no id: none.
    expect(peppolEndpoint({ registrationNumber: '12345678', address: { countryCode: 'FI' } })).toBeUndefined();
    expect(peppolEndpoint({ registrationNumber: 'HRB 1', address: { countryCode: 'EE' } })).toBeUndefined();
    expect(peppolEndpoint({ peppolId: 'nonsense' })).toBeUndefined();
    expect(peppolEndpoint({ ...ee, peppolId: 'nonsense' })).toEqual({ scheme: '0191', id: '12345678' });
    expect(peppolEndpoint({})).toBeUndefined();
  });
});

describe('IBAN and country codes', () => {
  it('checks the mod-97 digits and the country length of EE (20)', () => {
    expect(isIban('EE382200221020145685')).toBe(true);
    expect(ibanProblem('EE382200221020145684')).toMatch(/check digits/);
    expect(ibanProblem('EE3822002210201456851')).toMatch(/20 characters for EE, not 21/);
    expect(ibanProblem('EE38220022102014568')).toMatch(/20 characters for EE, not 19/);
    // A country without a known length keeps the general shape and the check digits.
    expect(isIban('MU17BOMM0101101030300200000MUR')).toBe(true);
  });

  it('vendors the 249 ISO 3166-1 alpha-2 codes, each one Intl names, and none of the codes Intl names that are not', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).toMatch(/\w/);
    for (const ok of ['EE', 'FI', 'LV', 'DE', 'GB', 'AX']) expect(isCountryCode(ok), ok).toBe(true);
    // Intl.DisplayNames names all of these; none is an assigned country code.
    for (const bad of ['EU', 'UN', 'ZZ', 'UK', 'XK', 'DD', 'YU', 'ee', 'EST', ''])
      expect(isCountryCode(bad), bad).toBe(false);
  });
});
