import { describe, expect, it } from 'vitest';
import { chunksOf, CHUNK_BYTES } from '#core/search/chunks';
import { prefixesOf, prefixTerm } from '#core/search/prefixes';
import { parseQuery } from '#core/search/query';
import { recordText, recordTitle } from '#core/search/record-text';
import { snippet } from '#core/search/snippet';
import { fold } from '#core/search/words';

describe('reading a query', () => {
  it('takes words, phrases and exclusions, all required, the last word as still typed', () => {
    expect(parseQuery('Karu "Õunapuu OÜ" -loom garan')).toEqual({
      must: [['karu'], ['õunapuu', 'oü'], ['garan']],
      mustNot: [['loom']],
      prefix: 'garan',
      marks: ['karu', 'ounapuu', 'ou', 'garan'],
    });
    expect(parseQuery('garantii ').toString()).not.toContain('prefix');
    expect((parseQuery('garantii ') as { prefix?: string }).prefix).toBeUndefined();
  });

  it('reads engine syntax as text: a term is cut into its words, an odd quote is a space', () => {
    expect(parseQuery('a*b:(c) "kald\\kriips')).toMatchObject({
      must: [
        ['a', 'b', 'c'],
        ['kald', 'kriips'],
      ],
    });
    expect(parseQuery('-"ei see" jah')).toMatchObject({ must: [['jah']], mustNot: [['ei', 'see']] });
  });

  it('refuses what cannot be searched', () => {
    expect(parseQuery('')).toBe('empty');
    expect(parseQuery('*** ::: "" -')).toBe('empty');
    expect(parseQuery('-ainult -välja')).toBe('empty');
    expect(parseQuery('x'.repeat(501))).toBe('too-long');
    expect(parseQuery(Array.from({ length: 21 }, (_, i) => `s${i}`).join(' '))).toBe('too-many-words');
  });
});

describe('prefixes and folding', () => {
  it('folds diacritics and case as the index does', () => {
    expect(fold('Õunapuu ŠOKOLAAD Jäätis')).toBe('ounapuu sokolaad jaatis');
  });

  it('indexes the starts of every word, and looks the typed word up among them', () => {
    const starts = prefixesOf('Õppeplatvorm garantii').split(' ');
    expect(starts).toEqual(expect.arrayContaining(['op', 'oppepl', 'oppeplatvorm', 'ga', 'garan']));
    expect(prefixTerm('Õppepl')).toBe('oppepl');
    expect(prefixTerm('õ')).toBeUndefined();
  });
});

describe('snippets', () => {
  it('marks the matched words, folded or typed, and escapes the rest', () => {
    expect(snippet('Lepingu <b>pool</b> on Õunapuu & Co', ['ounapuu'])).toBe(
      'Lepingu &lt;b&gt;pool&lt;/b&gt; on <mark>Õunapuu</mark> &amp; Co',
    );
    expect(snippet('õppeplatvormi kasutus', [], 'oppepl')).toBe('<mark>õppeplatvormi</mark> kasutus');
  });

  it('cuts a window around the first match in a long text', () => {
    const text = `${'eessõna '.repeat(100)}Karu AS maksab ${'järelsõna '.repeat(100)}`;
    const cut = snippet(text, ['karu']);
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).toContain('<mark>Karu</mark> AS maksab');
    expect(cut.length).toBeLessThan(300);
  });
});

describe('chunks and records', () => {
  it('cuts text into chunks of at most 8 KB at spaces, each knowing its part', () => {
    const chunks = chunksOf([{ label: 'page 1', text: 'öö '.repeat(5000) }, { text: 'lühike' }]);
    expect(chunks.every((c) => Buffer.byteLength(c.text) <= CHUNK_BYTES)).toBe(true);
    expect(chunks[0]!.part).toBe('page 1');
    expect(chunks.at(-1)).toEqual({ part: undefined, text: 'lühike' });
    expect(
      chunks
        .slice(0, -1)
        .map((c) => c.text)
        .join(' '),
    ).toBe('öö '.repeat(5000).trim());
  });

  it("takes a record's texts but never its personal code or references", () => {
    const contact = {
      entity: 'contact' as const,
      fields: {
        firstName: 'Jüri',
        lastName: 'Männik',
        emails: ['j@x.ee'],
        personalCode: '38001010000',
        companyId: 'com_1',
      },
      custom: { hobby: 'Purjetamine' },
    };
    expect(recordTitle(contact)).toBe('Jüri Männik');
    expect(recordText(contact).split('\n')).toEqual(['Jüri', 'Männik', 'j@x.ee', 'Purjetamine']);
  });
});
