import { describe, expect, it } from 'vitest';
import { renderPart } from '#core/templates/engine';

const render = (source: string, data: unknown = {}, locale = 'en-US', currency?: string) =>
  renderPart(undefined, source, data, { locale, currency });

describe('template helpers', () => {
  it('formats money by the template locale and the record currency, or a currency named in the call', () => {
    expect(render('{{money 1234.5}}', {}, 'en-US', 'USD')).toBe('$1,234.50');
    // Intl separates the amount from the symbol with a no-break space; the escaped output keeps it as is.
    expect(render('{{money 1234.5}}', {}, 'de-DE', 'EUR')).toBe('1.234,50\u00a0€');
    expect(render('{{money 10 "JPY"}}', {}, 'ja-JP', 'EUR')).toBe('￥10');
    expect(render('{{money x}}', { x: 'not a number' })).toBe('');
  });

  it('formats numbers, decimals and percentages by locale', () => {
    expect(render('{{number 1234567.891}}', {}, 'en-US')).toBe('1,234,567.891');
    expect(render('{{number 1234.5 2}}', {}, 'de-DE')).toBe('1.234,50');
    expect(render('{{number "12.345" 1}}', {}, 'fr-FR')).toBe('12,3');
    expect(render('{{percent 19}}', {}, 'en-US')).toBe('19%');
    expect(render('{{percent 7.5}}', {}, 'de-DE')).toBe('7,5\u00a0%');
  });

  it('formats dates in UTC by style and locale, and picks date parts', () => {
    const data = { d: '2026-03-07' };
    expect(render('{{date d}}', data, 'en-US')).toBe('Mar 7, 2026');
    expect(render('{{date d "long"}}', data, 'de-DE')).toBe('7. März 2026');
    expect(render('{{date d "short"}}', data, 'en-GB')).toBe('07/03/2026');
    expect(render('{{date d "iso"}}/{{date d "year"}}/{{date d "month"}}/{{date d "day"}}', data)).toBe(
      '2026-03-07/2026/03/07',
    );
    expect(render('{{date missing}}|{{date "soon"}}', {})).toBe('|soon');
  });

  it('does arithmetic on line items, leaving blanks for what is not a number', () => {
    const data = { items: [{ net: 100 }, { net: '50.5' }, { net: 'n/a' }, {}], a: 7, b: 2 };
    expect(render('{{sum items "net"}}', data)).toBe('150.5');
    expect(render('{{add a b}} {{subtract a b}} {{multiply a b}} {{divide a b}}', data)).toBe('9 5 14 3.5');
    expect(render('{{round (divide 10 3) 2}}', data)).toBe('3.33');
    expect(render('[{{divide a 0}}][{{add a "x"}}]', data)).toBe('[][]');
    expect(render('{{money (multiply a b) "EUR"}}', data)).toBe('€14.00');
  });

  it('compares for #if: equality strictly, order numerically, and combines with and, or, not', () => {
    const data = { status: 'won', total: '1500', discount: 0 };
    expect(render('{{#if (eq status "won")}}yes{{else}}no{{/if}}', data)).toBe('yes');
    expect(render('{{#if (ne status "lost")}}yes{{/if}}', data)).toBe('yes');
    expect(render('{{#if (gt total 1000)}}big{{/if}}{{#if (lte total 1000)}}small{{/if}}', data)).toBe('big');
    expect(render('{{#if (lt total "abc")}}x{{else}}not comparable{{/if}}', data)).toBe('not comparable');
    expect(render('{{#if (and (gte total 1500) (not discount))}}full price{{/if}}', data)).toBe('full price');
    expect(render('{{#if (or discount (eq status "lost"))}}x{{else}}neither{{/if}}', data)).toBe('neither');
  });

  it('falls back with default past blank values, and changes case', () => {
    const data = { legal: '', name: 'Acme', list: [] };
    expect(render('{{default legal name}}', data)).toBe('Acme');
    expect(render('{{default list missing "none"}}', data)).toBe('none');
    expect(render('{{default missing}}', data)).toBe('');
    expect(render('{{upper name}} {{lower "ÄBC"}}', data)).toBe('ACME äbc');
  });

  it('escapes helper output and values: markup in a record never becomes markup in the document', () => {
    const data = { name: '<img src=x onerror=alert(1)>', company: 'A & B' };
    expect(render('{{upper name}}', data)).toBe('&lt;IMG SRC&#x3D;X ONERROR&#x3D;ALERT(1)&gt;');
    expect(render('{{default missing company}}', data)).toBe('A &amp; B');
  });

  it('turns an unknown helper or an unknown currency into a 400 naming it', () => {
    expect(() => render('{{shout name}}', { name: 'x' })).toThrow(/Unknown helper "shout"/);
    expect(() => render('{{money 1 "NOPE1"}}')).toThrow(/could not be rendered/);
  });
});
