import { describe, expect, it } from 'vitest';
import { unitCode, UNIT_ONE } from '#core/einvoice/units';

describe('UN/ECE Rec 20 unit codes for line units (issue 22)', () => {
  it('maps the units Dossier’s lines are written in, in Estonian and English', () => {
    const cases: Record<string, string> = {
      h: 'HUR',
      tund: 'HUR',
      Hours: 'HUR',
      tk: 'H87',
      'Tk.': 'H87',
      pcs: 'H87',
      pc: 'H87',
      kuu: 'MON',
      month: 'MON',
      päev: 'DAY',
      day: 'DAY',
      kg: 'KGM',
      'm²': 'MTK',
    };
    expect(Object.fromEntries(Object.keys(cases).map((u) => [u, unitCode(u)]))).toEqual(cases);
  });

  it('counts a line without a unit in C62 (one), and knows no code for a unit it has never seen', () => {
    expect([unitCode(undefined), unitCode('  ')]).toEqual([UNIT_ONE, UNIT_ONE]);
    expect([unitCode('bundle'), unitCode('t')]).toEqual([undefined, undefined]);
  });
});
