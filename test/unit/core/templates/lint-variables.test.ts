import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { DATA_SCHEMAS } from '#core/templates/data-schema';
import { lintVariables } from '#core/templates/lint-variables';

const lint = (source: string, entity: keyof typeof DATA_SCHEMAS = 'deal') =>
  lintVariables(Handlebars.parse(source), DATA_SCHEMAS[entity], 'body').map((w) => w.text);

describe('unknown-variable lint', () => {
  it("accepts what the entity's data holds, helpers and their arguments", () => {
    expect(
      lint('{{record.title}} {{company.name}} {{tenant.bank.iban}} {{document.number}} {{money totals.gross}}'),
    ).toEqual([]);
    expect(lint('{{#if (gt totals.net 100)}}{{date document.date "long"}}{{/if}}')).toEqual([]);
  });

  it('warns about unknown paths with line and column, inside helper calls too', () => {
    const warnings = lintVariables(
      Handlebars.parse('<p>{{record.title}}</p>\n<p>{{recrod.title}} {{money totals.grosss}}</p>'),
      DATA_SCHEMAS.deal,
      'body',
    );
    expect(warnings).toMatchObject([
      { kind: 'unknown-variable', part: 'body', line: 2, column: 6, text: 'recrod.title' },
      { kind: 'unknown-variable', line: 2, text: 'totals.grosss' },
    ]);
  });

  it('checks names inside #each against the item, and ../ and @root against the outer scopes', () => {
    const source =
      '{{#each lineItems}}{{name}} {{gross}} {{nmae}} {{../currency}} {{@root.tenant.legalName}} {{@index}}{{/each}}';
    expect(lint(source)).toEqual(['nmae']);
    expect(lint('{{#each lineItems}}{{../nothing}}{{/each}}')).toEqual(['../nothing']);
    expect(lint('{{#each contacts}}{{email}} {{company}}{{/each}}', 'deal')).toEqual(['company']);
  });

  it('checks names inside #with against that object, and the else branch against the outer scope', () => {
    expect(lint('{{#with tenant.bank}}{{iban}} {{bic}} {{swift}}{{/with}}')).toEqual(['swift']);
    expect(lint('{{#with tenant}}{{legalName}}{{else}}{{legalName}}{{/with}}')).toEqual(['legalName']);
    expect(lint('{{#with company}}{{#each ../lineItems}}{{quantity}}{{/each}}{{/with}}')).toEqual([]);
  });

  it('checks `record` against the entity rendered, and leaves custom fields open', () => {
    expect(lint('{{record.title}} {{record.firstName}}', 'deal')).toEqual(['record.firstName']);
    expect(lint('{{record.title}} {{record.firstName}}', 'contact')).toEqual(['record.title']);
    expect(lint('{{record.custom.anything.at.all}}', 'deal')).toEqual([]);
  });
});
