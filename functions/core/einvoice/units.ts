// UN/ECE Recommendation 20 unit codes for the units Dossier's line items are written in. A line's
// `unit` is free text (`h`, `tund`, `tk`, `pcs`), printed as typed on the PDF; the e-invoice needs a
// code from the list (EN 16931 BR-CL-23), so the common spellings in Estonian and English map here.

const CODES: Record<string, string> = {
  // hour
  h: 'HUR',
  hr: 'HUR',
  hrs: 'HUR',
  hour: 'HUR',
  hours: 'HUR',
  tund: 'HUR',
  tundi: 'HUR',
  // one piece
  tk: 'H87',
  pc: 'H87',
  pcs: 'H87',
  piece: 'H87',
  pieces: 'H87',
  // month
  kuu: 'MON',
  kuud: 'MON',
  month: 'MON',
  months: 'MON',
  mo: 'MON',
  // day
  päev: 'DAY',
  päeva: 'DAY',
  p: 'DAY',
  day: 'DAY',
  days: 'DAY',
  d: 'DAY',
  // week, year, minute
  nädal: 'WEE',
  week: 'WEE',
  weeks: 'WEE',
  aasta: 'ANN',
  year: 'ANN',
  years: 'ANN',
  min: 'MIN',
  minute: 'MIN',
  minutes: 'MIN',
  // measures
  kg: 'KGM',
  g: 'GRM',
  tonn: 'TNE',
  tonne: 'TNE',
  l: 'LTR',
  m: 'MTR',
  km: 'KMT',
  m2: 'MTK',
  'm²': 'MTK',
  m3: 'MTQ',
  'm³': 'MTQ',
  kwh: 'KWH',
  // `t` is left out: an hour (tund) to some, a tonne to others
  komplekt: 'SET',
  set: 'SET',
};

/** What a line whose unit is not given is counted in: "one" (C62), the code for a plain count. */
export const UNIT_ONE = 'C62';

/**
 * The Rec 20 code of a unit as a line item writes it (case, spaces and a final dot ignored:
 * `Tk.` is `tk`), or undefined when the mapping does not know it; no unit at all is `C62`.
 */
export function unitCode(unit: string | undefined): string | undefined {
  if (unit === undefined || unit.trim() === '') return UNIT_ONE;
  const key = unit.trim().toLowerCase().replace(/\.$/, '').replace(/\s+/g, '');
  return CODES[key];
}
