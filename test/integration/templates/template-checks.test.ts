import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';

// Issue 21, part 4: templates fail at save in plain words; spelling in Estonian and English.

const template = (key: string, body: Record<string, unknown>) =>
  call('POST', '/v1/templates', { key, body: { name: 'T', kind: 'other', entity: 'deal', ...body } });

const templateCount = async (key: string) =>
  expectStatus(await call('GET', '/v1/templates', { key }), 200).body.items.length;

describe('template checks at save', () => {
  it('refuses an unknown helper and a helper without its argument with 400, part, line and column, and saves nothing', async () => {
    const t = await newTenant();
    const res = expectStatus(
      await template(t.ownerKey, {
        body: '<h1>Invoice</h1>\n<p>{{mony totals.gross}}</p>',
        footer: '{{#if}}Page{{/if}}',
      }),
      400,
    );
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'body.body', part: 'body', line: 2, column: 4 }),
      expect.objectContaining({ path: 'body.footer', part: 'footer', line: 1, column: 1 }),
    ]);
    expect(res.body.errors[0].message).toMatch(/"mony", which is not a helper: did you mean "money"\?/);
    expect(res.body.errors[1].message).toMatch(/`\{\{#if\}\}` needs a value to test, and has nothing/);
    expect(await templateCount(t.ownerKey)).toBe(0);
  });

  it('explains an unclosed block where it opened, and a wrong closing tag, and leaves the template as it was', async () => {
    const t = await newTenant();
    const unclosed = expectStatus(
      await template(t.ownerKey, {
        body: '<table>\n<tbody>\n{{#each lineItems}}\n<tr><td>{{name}}</td></tr>\n</tbody>',
      }),
      400,
    );
    expect(unclosed.body.errors).toEqual([
      {
        path: 'body.body',
        part: 'body',
        line: 3,
        column: 1,
        message: '`{{#each lineItems}}` opened on line 3 is never closed: add `{{/each}}`.',
      },
    ]);
    const saved = expectStatus(await template(t.ownerKey, { body: '<p>{{record.title}}</p>' }), 201).body;
    const patch = expectStatus(
      await call('PATCH', `/v1/templates/${saved.id}`, {
        key: t.ownerKey,
        body: { body: '<ul>\n{{#each lineItems}}\n<li>{{name}}</li>\n{{/eahc}}\n</ul>' },
      }),
      400,
    );
    expect(patch.body.errors[0]).toMatchObject({
      path: 'body.body',
      part: 'body',
      line: 4,
      message: '`{{/eahc}}` on line 4 closes nothing: `{{#each}}` opened on line 2 is the block open there.',
    });
    const now = expectStatus(await call('GET', `/v1/templates/${saved.id}`, { key: t.ownerKey }), 200).body;
    expect(now).toMatchObject({ version: 1, body: '<p>{{record.title}}</p>' });
  });

  it("warns about a custom field the tenant's schema lacks, and saves", async () => {
    const t = await newTenant();
    expectStatus(
      await call('POST', '/v1/fields/deal', {
        key: t.ownerKey,
        body: { name: 'viitenumber', label: 'Viitenumber', type: 'string' },
      }),
      201,
    );
    const res = expectStatus(
      await template(t.ownerKey, {
        locale: 'et-EE',
        body: '<p>Viitenumber: {{record.custom.viitenumbr}}</p>\n<p>{{record.custom.viitenumber}}</p>',
      }),
      201,
    );
    expect(res.body.warnings).toEqual([
      expect.objectContaining({
        kind: 'unknown-custom-field',
        text: 'record.custom.viitenumbr',
        line: 1,
        column: 19,
        suggestions: ['viitenumber'],
      }),
    ]);
  });

  it("checks an email template against the email data model and never flags the email's own variables", async () => {
    const t = await newTenant();
    const res = expectStatus(
      await template(t.ownerKey, {
        kind: 'email',
        subject: 'Invoice {{document.name}} from {{tenant.name}}',
        body: '<p>Dear {{recipient.name}},</p>{{#each message}}<p>{{#each this}}{{this}}<br>{{/each}}</p>{{/each}}{{#if link}}<a href="{{link.url}}">Download</a>{{/if}}{{#each signature}}<p>{{this}}</p>{{/each}}<p>{{money totals.gross}} {{deal.title}} {{record.title}}</p>',
      }),
      201,
    );
    expect(res.body.warnings.map((w: any) => [w.kind, w.text])).toEqual([['unknown-variable', 'record.title']]);
    const schema = expectStatus(await call('GET', '/v1/template-schemas/email', { key: t.ownerKey }), 200).body;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['recipient', 'link', 'signature', 'message', 'document', 'deal', 'totals', 'tenant']),
    );
    expect(schema.properties).not.toHaveProperty('record');
  });

  it('checks Estonian spelling, and English marked lang="en", on save and on preview', async () => {
    const t = await newTenant();
    const body =
      '<p>Pakkumine on kehtv 30 päeva. Käibemaksukohustuslane, tarkvaraarendus.</p>\n<p lang="en">Thank you for your ordr.</p>\n{{#lang "en-GB"}}<p>Kind regards, the organisation</p>{{/lang}}';
    const saved = expectStatus(await template(t.ownerKey, { locale: 'et-EE', body }), 201).body;
    const expected = [
      expect.objectContaining({
        kind: 'spelling',
        text: 'kehtv',
        line: 1,
        column: 17,
        suggestions: expect.arrayContaining(['kehtiv']),
      }),
      expect.objectContaining({ kind: 'spelling', text: 'ordr', line: 2, message: '"ordr" may be misspelled (en).' }),
    ];
    expect(saved.warnings).toEqual(expected);
    const preview = expectStatus(
      await call('POST', `/v1/templates/${saved.id}/preview`, {
        key: t.ownerKey,
        body: { sampleData: {}, format: 'html' },
      }),
      200,
    ).body;
    expect(preview.warnings).toEqual(expected);
    expect(preview.html).toContain('kehtv');
    // {{#lang}} prints its content as it is.
    expect(preview.html).toContain('<p>Kind regards, the organisation</p>');
  });

  it('says so once when the locale has no dictionary', async () => {
    const t = await newTenant();
    const res = expectStatus(
      await template(t.ownerKey, { locale: 'fi-FI', body: '<p>Kiitos tilauksesta</p>', footer: '<p>Sivu</p>' }),
      201,
    );
    expect(res.body.warnings).toEqual([
      {
        kind: 'no-dictionary',
        part: 'body',
        line: 1,
        column: 4,
        text: 'fi-FI',
        message: 'fi-FI: no dictionary, nothing was checked (dictionaries: en, en-GB, et).',
      },
    ]);
  });
});

describe('POST /v1/spellcheck', () => {
  const spellcheck = (key: string, body: unknown) => call('POST', '/v1/spellcheck', { key, body });

  it('answers the misspelled words of free text with line, column and suggestions', async () => {
    const t = await newTenant();
    const res = expectStatus(
      await spellcheck(t.ownerKey, { text: 'Tere!\n\nArve on kehtv 14 päeva, lugupidamisega.', locale: 'et-EE' }),
      200,
    ).body;
    expect(res).toEqual({
      locale: 'et-EE',
      dictionary: 'et',
      warnings: [
        expect.objectContaining({
          kind: 'spelling',
          text: 'kehtv',
          line: 3,
          column: 9,
          suggestions: expect.arrayContaining(['kehtiv']),
        }),
      ],
    });
    const gb = expectStatus(
      await spellcheck(t.ownerKey, { text: 'The colour of the organisation', locale: 'en-GB' }),
      200,
    );
    expect(gb.body).toEqual({ locale: 'en-GB', dictionary: 'en-GB', warnings: [] });
    const us = expectStatus(
      await spellcheck(t.ownerKey, { text: 'The colour of the organisation', locale: 'en-US' }),
      200,
    );
    expect(us.body.warnings.map((w: any) => w.text)).toEqual(['colour', 'organisation']);
  });

  it("accepts the tenant's own words", async () => {
    const t = await newTenant();
    expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body: { acceptedWords: ['Zorblax'] } }), 200);
    const res = expectStatus(await spellcheck(t.ownerKey, { text: 'Zorblax thanks you', locale: 'en' }), 200);
    expect(res.body.warnings).toEqual([]);
  });

  it('answers a locale without a dictionary with its notice, not an error; a malformed one is 400', async () => {
    const t = await newTenant();
    const res = expectStatus(await spellcheck(t.ownerKey, { text: 'Vielen Dank', locale: 'de-DE' }), 200);
    expect(res.body).toEqual({
      locale: 'de-DE',
      dictionary: null,
      warnings: [
        {
          kind: 'no-dictionary',
          line: 1,
          column: 1,
          text: 'de-DE',
          message: 'de-DE: no dictionary, nothing was checked (dictionaries: en, en-GB, et).',
        },
      ],
    });
    const bad = expectStatus(await spellcheck(t.ownerKey, { text: 'x', locale: 'e e!' }), 400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'body.locale' });
    expectStatus(await spellcheck(t.ownerKey, { text: '', locale: 'en' }), 400);
    expectStatus(await spellcheck(t.ownerKey, { text: 'x'.repeat(20_001), locale: 'en' }), 400);
    expectStatus(await call('POST', '/v1/spellcheck', { body: { text: 'x', locale: 'en' } }), 401);
  });
});
