import { describe, expect, it } from 'vitest';
import { builtinFileName, documentFileName, fileNamePatternProblem } from '#core/templates/file-name';
import { renderHtml } from '#core/templates/render-html';
import { BUILTIN_NAMES, DEFAULT_PAPER } from '#core/templates/template';

const data = (document: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  document: { number: '2026-0007', draft: false, ...document },
  company: { name: 'Õun & Pirn OÜ' },
  ...extra,
});
const named = (pattern: string | null, d = data({}), more: { requested?: string; locale?: string } = {}) =>
  documentFileName({ pattern, templateName: 'Our invoice', data: d, format: 'pdf', locale: 'et-EE', ...more });

const INVOICE_ET =
  '{{#if (or document.creditNote (lt totals.gross 0))}}Kreeditarve{{else}}Arve{{/if}} {{document.number}}.pdf';

describe('document file names', () => {
  it("names a credit note (asked for, or a negative total) as one in the built-in invoice's pattern, as its title does", () => {
    const totals = (gross: number) => ({ totals: { gross } });
    expect(named(INVOICE_ET, data({}, totals(122))).fileName).toBe('Arve 2026-0007.pdf');
    expect(named(INVOICE_ET, data({ creditNote: true }, totals(122))).fileName).toBe('Kreeditarve 2026-0007.pdf');
    expect(named(INVOICE_ET, data({}, totals(-40))).fileName).toBe('Kreeditarve 2026-0007.pdf');
  });

  it('gives each built-in a pattern in its language: Arve / Invoice {{document.number}}.pdf', () => {
    expect(builtinFileName('invoice', 'et-EE')).toBe(INVOICE_ET);
    expect(builtinFileName('invoice', 'en-GB')).toBe(
      '{{#if (or document.creditNote (lt totals.gross 0))}}Credit note{{else}}Invoice{{/if}} {{document.number}}.pdf',
    );
    expect(builtinFileName('offer', 'et')).toBe('Hinnapakkumine {{document.number}}.pdf');
    for (const kind of BUILTIN_NAMES)
      for (const locale of ['et', 'en']) expect(builtinFileName(kind, locale)).not.toMatch(/^[a-z]+ /);
  });

  it('renders the pattern as text (no HTML escapes), the PDF title being the name without extension', () => {
    expect(named('{{company.name}} arve {{document.number}}.pdf')).toEqual({
      fileName: 'Õun & Pirn OÜ arve 2026-0007.pdf',
      title: 'Õun & Pirn OÜ arve 2026-0007',
    });
  });

  it('prints MUSTAND (DRAFT in English) where a draft has no number', () => {
    expect(named('Arve {{document.number}}.pdf', data({ number: '', draft: true })).fileName).toBe('Arve MUSTAND.pdf');
    expect(named('Invoice {{document.number}}.pdf', data({ number: '', draft: true }), { locale: 'en' }).fileName).toBe(
      'Invoice DRAFT.pdf',
    );
  });

  it('never appends the format twice: x.pdf stays x.pdf; a requested name wins and gets the number', () => {
    expect(named(null, data({ number: '' }), { requested: 'x.pdf' }).fileName).toBe('x.pdf');
    expect(named('Arve {{document.number}}.pdf', data({}), { requested: 'x.pdf' }).fileName).toBe('x 2026-0007.pdf');
    expect(named('Arve {{document.number}}', data({})).fileName).toBe('Arve 2026-0007.pdf');
    expect(named('Arve {{document.number}}.pdf', data({ number: '' })).fileName).toBe('Arve.pdf');
    expect(named(null).fileName).toBe('Our invoice 2026-0007.pdf');
  });

  it('turns a separator a value brings into a dash, and falls back to <name> <number> when the result names no file', () => {
    expect(named('Arve {{document.number}}.pdf', data({ number: '2026/07' })).fileName).toBe('Arve 2026-07.pdf');
    expect(named('{{#each long}}{{this}}{{/each}}.pdf', data({}, { long: Array(300).fill('abc') })).fileName).toBe(
      'Our invoice 2026-0007.pdf',
    );
  });

  it('refuses patterns that would make a path, carry control characters, run over 200 characters or do not parse', () => {
    expect(fileNamePatternProblem('Arve {{document.number}}.pdf')).toBeUndefined();
    expect(fileNamePatternProblem('{{#if document.number}}A{{/if}}.pdf')).toBeUndefined();
    expect(fileNamePatternProblem('a/{{document.number}}.pdf')).toMatch(/\//);
    expect(fileNamePatternProblem('a\\b.pdf')).toMatch(/\\/);
    expect(fileNamePatternProblem('a\nb.pdf')).toMatch(/control/);
    expect(fileNamePatternProblem('a'.repeat(201))).toMatch(/200/);
    expect(fileNamePatternProblem('{{#if x}}.pdf')).toMatch(/Handlebars/);
  });

  it('puts the title in the page head, as text: Chromium makes it the PDF Title', () => {
    const page = { body: '<p>x</p>', css: '', header: '', footer: '', paper: DEFAULT_PAPER, locale: 'et-EE' };
    expect(renderHtml({ ...page, title: 'Arve <b> & 1' }, {}).html).toContain('<title>Arve &lt;b&gt; &amp; 1</title>');
    expect(renderHtml(page, {}).html).not.toContain('<title>');
  });
});
