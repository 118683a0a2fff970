import { describe, expect, it } from 'vitest';
import { checkTemplate } from '#core/templates/check-template';
import { spellerFor } from '#core/templates/spelling';

const check = (body: string, acceptedWords: string[] = [], locale = 'en-US') =>
  checkTemplate({ entity: 'deal', locale, parts: { body }, acceptedWords });

const spelling = async (body: string, accepted?: string[], locale?: string) =>
  (await check(body, accepted, locale)).filter((w) => w.kind === 'spelling');

describe('spelling warnings', () => {
  it('flags misspelled words of the literal text with position and suggestions', async () => {
    const warnings = await spelling(
      '<p>Thank you for your order.</p>\n<p>We recieve payment within <b>thirty</b> days.</p>',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ part: 'body', line: 2, column: 7, text: 'recieve' });
    expect(warnings[0].suggestions).toContain('receive');
  });

  it('ignores markup, CSS, entities, variables, acronyms and CamelCase names', async () => {
    const body =
      '<div class="qwzx-grid" style="colr:red"><style>.blarg{}</style>&nbsp;{{record.titel}} VATX iPhoneX McKinsey</div>';
    expect(await spelling(body)).toEqual([]);
  });

  it("accepts the tenant's words, compared case-insensitively", async () => {
    const body = '<p>Brought to you by Zorblax and the frobnicator.</p>';
    expect((await spelling(body)).map((w) => w.text).sort()).toEqual(['Zorblax', 'frobnicator']);
    expect(await spelling(body, ['zorblax', 'Frobnicator'])).toEqual([]);
  });

  it('reports a word once however often it appears, and none for a locale without a dictionary', async () => {
    expect(await spelling('teh cat, teh dog')).toHaveLength(1);
    expect(await spelling('<p>Vielen Dank für Ihre Bestellung</p>', [], 'de-DE')).toEqual([]);
  });

  it('returns spelling and variable warnings together without refusing the template', async () => {
    const warnings = await check('<p>{{recrod.title}} teh</p>');
    expect(warnings.map((w) => [w.kind, w.text])).toEqual([
      ['unknown-variable', 'recrod.title'],
      ['spelling', 'teh'],
    ]);
  });
});

describe('spelling in Estonian and English', () => {
  const kinds = async (body: string, locale: string) =>
    (await check(body, [], locale)).filter((w) => w.kind === 'spelling' || w.kind === 'no-dictionary');

  it('checks en-GB and en-US each with its own dictionary', async () => {
    const body = '<p>The colour of the organisation.</p>';
    expect(await kinds(body, 'en-GB')).toEqual([]);
    expect((await kinds(body, 'en-US')).map((w) => w.text)).toEqual(['colour', 'organisation']);
    expect((await kinds('<p>The color of the organization.</p>', 'en-GB')).map((w) => w.text)).toEqual([
      'color',
      'organization',
    ]);
  });

  it('checks Estonian, compounds and inflections included, with suggestions', async () => {
    const body =
      '<h1>ARVE</h1>\n<p>Maksetähtaeg, viitenumber, käibemaksukohustuslane, tarkvaraarendus, lepingutele, õppeplatvormi.</p>\n<p>Pakkumine on kehtv 14 päeva. Lugupidamisega</p>';
    const warnings = await kinds(body, 'et-EE');
    expect(warnings).toEqual([
      expect.objectContaining({ kind: 'spelling', text: 'kehtv', line: 3, column: 17, part: 'body' }),
    ]);
    expect(warnings[0].suggestions).toEqual(expect.arrayContaining(['kehtiv', 'kehtav']));
  });

  it('answers one explicit notice for a locale without a dictionary, never silence', async () => {
    const warnings = await check('<p>Vielen Dank</p>', [], 'de-DE');
    expect(warnings).toEqual([
      {
        kind: 'no-dictionary',
        part: 'body',
        line: 1,
        column: 4,
        text: 'de-DE',
        message: 'de-DE: no dictionary, nothing was checked (dictionaries: en, en-GB, et).',
      },
    ]);
    const both = await checkTemplate({
      entity: 'deal',
      locale: 'fi-FI',
      parts: { body: '<p>Kiitos</p>', footer: '<p>Sivu</p>' },
      acceptedWords: [],
    });
    expect(both.map((w) => w.kind)).toEqual(['no-dictionary']);
  });

  it('checks text marked lang="…" or {{#lang "…"}} in its own language', async () => {
    const body = [
      '<p>Arve tasuda kehtv tähtajaks.</p>',
      '<p lang="en">Please pay by the due date. Thnaks</p>',
      '{{#lang "en-GB"}}<p>Our colour, {{record.title}}, and kehtiv</p>{{/lang}}',
      '<div class="x" lang="{{locale}}">Text in a languaje known only at render</div>',
      '{{#lang "lv"}}<p>Paldies</p>{{/lang}}',
      '<p>Tänan</p>',
    ].join('\n');
    const warnings = await kinds(body, 'et');
    expect(warnings.map((w) => [w.kind, w.text, w.line])).toEqual([
      ['spelling', 'kehtv', 1],
      ['spelling', 'Thnaks', 2],
      ['spelling', 'kehtiv', 3],
      ['no-dictionary', 'lv', 5],
    ]);
    expect(warnings[1].message).toBe('"Thnaks" may be misspelled (en).');
  });
});

describe('the Hunspell reader', () => {
  it('gives the verdicts Hunspell 1.7 gives for Estonian stems, inflections and compounds', async () => {
    // Verdicts of `hunspell -d et -l` on words generated from the dictionary's own stems.
    const accepted = [
      'siuhkavusilähedusteta',
      'keevalisuseta',
      'kaapadtele',
      'õrnunuimagatele',
      'rõhkkonnagaoktantidegata',
      'ruiata',
      'kapjasidtele',
      'jahvateshaljendusi',
      'kurnutamatutega',
      'kriunutavatkifiloloogil',
      'jõudsusegatsementu',
      'rindlusiga',
      'puppegita',
      'polodeturismega',
      'mõningadkihilpsanule',
    ];
    const refused = [
      'limpsateskristlusigau',
      'alfasdki',
      'koovitja',
      'rnunuimadki',
      'etikettinudud',
      'sünaptilisusegaaugulisusteu',
      'enteroskoopisidud',
      'marsitamatub',
      'lüüaud',
    ];
    const et = (await spellerFor('et-EE'))!;
    expect(accepted.filter((w) => !et.correct(w))).toEqual([]);
    expect(refused.filter((w) => et.correct(w))).toEqual([]);
  });

  it('checks a long run of short compound parts in bounded time, and refuses words over 100 letters', async () => {
    const et = (await spellerFor('et'))!;
    const started = performance.now();
    expect(et.correct('kass'.repeat(25))).toBe(true);
    expect(et.correct(`${'kass'.repeat(24)}x`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(et.correct('kass'.repeat(26))).toBe(false);
  });
});
