import { describe, expect, it } from 'vitest';
import { checkTemplate } from '#core/templates/check-template';

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
