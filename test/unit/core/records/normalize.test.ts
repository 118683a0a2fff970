import { describe, expect, it } from 'vitest';
import { nameTokens, normalizeEmail, normalizePhone, normalizeTaxId } from '#core/records/normalize';

describe('normalization', () => {
  it('lower-cases and trims emails', () => expect(normalizeEmail('  John@Example.COM ')).toBe('john@example.com'));

  it('turns formatted international numbers into E.164', () => {
    expect(normalizePhone('+44 20 7946-0958')).toBe('+442079460958');
    expect(normalizePhone('+1 (415) 555.0123')).toBe('+14155550123');
  });

  it('refuses numbers without a country code or with letters', () => {
    expect(normalizePhone('020 7946 0958')).toBeUndefined();
    expect(normalizePhone('+44 20 CALL ME')).toBeUndefined();
    expect(normalizePhone('+0123456789')).toBeUndefined();
  });

  it('compacts tax ids', () => expect(normalizeTaxId(' de 123.456-789 ')).toBe('DE123456789'));

  it('indexes the whole name and each later word for prefix search', () => {
    expect(nameTokens('John', 'van  Smith')).toEqual(['john van smith', 'van', 'smith']);
    expect(nameTokens('Cher')).toEqual(['cher']);
    expect(nameTokens(undefined, '')).toEqual([]);
  });
});
