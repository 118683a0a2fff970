import { describe, expect, it } from 'vitest';
import { DomainError, type FieldError } from '#core/errors';
import { checkTemplate, type CheckInput } from '#core/templates/check-template';
import { HELPER_SIGNATURES } from '#core/templates/helper-signatures';
import { HELPERS } from '#core/templates/helpers';
import { parseSource } from '#core/templates/syntax';
import { BUILT_IN_EMAILS } from '#templates/email/index';
import { BUILTIN_NAMES } from '#core/templates/template';
import { builtinContent } from '#core/templates/builtins';

const check = (body: string, more: Partial<CheckInput> = {}) =>
  checkTemplate({ entity: 'deal', locale: 'en-US', parts: { body }, acceptedWords: [], ...more });

async function saveErrors(body: string, more: Partial<CheckInput> = {}): Promise<FieldError[]> {
  try {
    await check(body, more);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION') return e.errors;
    throw e;
  }
  throw new Error('expected the save to be refused');
}

const syntax = (source: string) => {
  const parsed = parseSource(source, 'body');
  if (parsed.ok) throw new Error('expected a syntax error');
  return parsed.problem;
};

describe('syntax errors in words', () => {
  it('reports an unclosed block where it opened, not at the end of the file', () => {
    const problem = syntax('<table>\n<tbody>\n{{#each lineItems}}\n<tr><td>{{name}}</td></tr>\n</tbody>\n</table>\n');
    expect(problem).toMatchObject({ path: 'body', part: 'body', line: 3, column: 1 });
    expect(problem.message).toBe('`{{#each lineItems}}` opened on line 3 is never closed: add `{{/each}}`.');
  });

  it('names a closing tag that closes nothing, and the block open there', () => {
    const problem = syntax('<ul>\n{{#each lineItems}}\n<li>{{name}}</li>\n{{/eahc}}\n</ul>');
    expect(problem).toMatchObject({ line: 4, column: 1 });
    expect(problem.message).toBe(
      '`{{/eahc}}` on line 4 closes nothing: `{{#each}}` opened on line 2 is the block open there.',
    );
    expect(syntax('a\n{{/if}}').message).toBe('`{{/if}}` on line 2 closes nothing: no block is open there.');
    expect(syntax('{{#each a}}{{#if b}}\nx{{/each}}').message).toBe(
      '`{{/each}}` on line 2 closes `{{#each}}` of line 1, but `{{#if b}}` opened on line 1 is still open: close it first.',
    );
  });

  it('never answers in parser tokens', () => {
    const broken = [
      '{{ }}',
      '{{a b=}}',
      '{{a "b}}',
      '{{#if a}}{{else}}{{else}}{{/if}}',
      '{{{a}}',
      '{{a}}}',
      '{{a (b c}}',
      '{{@}}',
      '{{a b c=d e}}',
      '{{!-- never closed',
      '{{#each items}}\n{{name}}',
    ];
    for (const source of broken) {
      const { message, line, column } = syntax(source);
      expect(message, source).not.toMatch(/Expecting|'[A-Z_]{3,}'|got /);
      expect(line, source).toBeGreaterThan(0);
      expect(column, source).toBeGreaterThan(0);
    }
    expect(syntax('{{a b c=d e}}').message).toBe(
      'Line 1, column 11: arguments written `name=value` must all come after the plain ones in `{{a b c=d e}}`.',
    );
  });
});

describe('helpers checked at save', () => {
  it('refuses an unknown helper with its part, line and column, and the name it may have meant', async () => {
    const errors = await saveErrors('<p>Total</p>\n<p>{{mony totals.gross}}</p>\n{{#eahc lineItems}}x{{/eahc}}');
    expect(errors).toEqual([
      expect.objectContaining({ path: 'body', part: 'body', line: 2, column: 4 }),
      expect.objectContaining({ path: 'body', part: 'body', line: 3, column: 1 }),
    ]);
    expect(errors[0].message).toMatch(/^`\{\{mony …\}\}` calls "mony", which is not a helper: did you mean "money"\?/);
    expect(errors[1].message).toMatch(/did you mean "each"\?/);
    expect(await saveErrors('{{#if (eqq a b)}}x{{/if}}')).toHaveLength(1);
  });

  it('refuses helpers called with the wrong arity or as the wrong kind of tag', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{{#if}}x{{/if}}', /`\{\{#if\}\}` needs a value to test, and has nothing/],
      ['{{#each}}x{{/each}}', /`\{\{#each\}\}` needs a list to loop over, and has nothing/],
      ['{{#if a b}}x{{/if}}', /needs a value to test, and has 2 arguments/],
      ['{{money}}', /`\{\{money …\}\}` needs 1 to 2 arguments, and has nothing/],
      ['{{#if (eq a)}}x{{/if}}', /`\(eq …\)` needs 2 arguments, and has 1 argument/],
      ['{{#money totals.gross}}x{{/money}}', /"money" is not a block helper/],
      ['{{if record.title}}', /"if" works only as a block/],
      ['{{date document.date styel="numeric"}}', /"date" has no argument styel=; it reads style=, timeZone=/],
      ['{{> footer}}', /no partials/],
    ];
    for (const [body, message] of cases) {
      const errors = await saveErrors(body);
      expect(errors, body).toHaveLength(1);
      expect(errors[0].message, body).toMatch(message);
    }
  });

  it('accepts helpers used as documented, and sections over values', async () => {
    const body =
      '{{#each lineItems}}{{name}} {{money net}} {{number quantity 2}}{{/each}}{{#if (and totals.net (gt totals.tax 0))}}x{{/if}}' +
      '{{date document.date "long"}}{{#lineItems}}{{name}}{{/lineItems}}{{#with company}}{{name}}{{/with}}{{default record.title "—"}}';
    await expect(check(body)).resolves.toEqual([]);
  });

  it('refuses a {{t}} key that no locale pack has, looked up as the t helper does (templates/locales/)', async () => {
    // No option turns the check on: every save checks its keys against the packs themselves.
    const errors = await saveErrors('<h1>{{t "invoice.title"}}</h1>\n<p>{{t "invoice.dueDat"}}: {{t key}}</p>', {
      locale: 'et-EE',
    });
    expect(errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: 8,
        message: 'The locale packs have no text "invoice.dueDat" (templates/locales/).',
      }),
    ]);
    // A language without a pack reads English, as the render does.
    await expect(check('{{t "invoice.dueDate"}}', { locale: 'fi-FI' })).resolves.toEqual([]);
  });

  it('knows how every helper is called', () => {
    for (const name of Object.keys(HELPERS)) expect(HELPER_SIGNATURES, name).toHaveProperty(name);
  });

  it('passes every built-in document and email template', async () => {
    for (const name of BUILTIN_NAMES) {
      const t = builtinContent(name);
      const warnings = await checkTemplate({
        entity: t.entity,
        kind: t.kind,
        locale: t.locale,
        parts: { body: t.body, header: t.header, footer: t.footer, subject: t.subject },
        acceptedWords: [],
      });
      expect(
        warnings.filter((w) => w.kind !== 'spelling'),
        name,
      ).toEqual([]);
    }
  });
});

describe('variables checked against the right data model', () => {
  it("warns about a custom field the tenant's schema does not have, with the names it may have meant", async () => {
    const warnings = await check(
      '<p>{{record.custom.viitenumbr}} {{record.custom.viitenumber}} {{company.custom.sector}}</p>',
      {
        customFields: { deal: ['viitenumber', 'projectCode'], company: ['sector'] },
      },
    );
    expect(warnings).toEqual([
      {
        kind: 'unknown-custom-field',
        part: 'body',
        line: 1,
        column: 6,
        message: '"record.custom.viitenumbr": there is no custom field "viitenumbr"; did you mean "viitenumber"?',
        text: 'record.custom.viitenumbr',
        suggestions: ['viitenumber'],
      },
    ]);
    // Without the schema (not loaded), custom fields are left alone.
    await expect(check('{{record.custom.viitenumbr}}')).resolves.toEqual([]);
  });

  it('knows the names a block gives its item and index (`as |item i|`)', async () => {
    const body =
      '{{#each lineItems as |item i|}}{{i}} {{item.name}} {{item.nmae}}{{/each}}{{item.name}}{{#with record as |r|}}{{r.title}}{{/with}}';
    const warnings = await check(body);
    expect(warnings.map((w) => [w.kind, w.text])).toEqual([
      ['unknown-variable', 'item.nmae'],
      ['unknown-variable', 'item.name'],
    ]);
  });

  it('checks email templates against the email data model, and never flags its documented variables', async () => {
    for (const [name, email] of Object.entries(BUILT_IN_EMAILS)) {
      const warnings = await checkTemplate({
        entity: 'deal',
        kind: 'email',
        locale: 'en-US',
        parts: { body: email.html, subject: email.subject },
        acceptedWords: [],
      });
      expect(warnings, name).toEqual([]);
    }
    const body =
      '<p>{{recipient.name}} {{link.url}} {{#each signature}}{{#each this}}{{this}}{{/each}}{{/each}} ' +
      '{{#each message}}x{{/each}} {{document.name}} {{deal.title}} {{money totals.gross}} {{tenant.legalName}} {{record.title}}</p>';
    const warnings = await check(body, { kind: 'email' });
    expect(warnings.map((w) => [w.kind, w.text])).toEqual([['unknown-variable', 'record.title']]);
  });
});
