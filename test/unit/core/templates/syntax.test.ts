import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { assertParses, parseSource } from '#core/templates/syntax';

function problemOf(source: string) {
  const parsed = parseSource(source, 'body');
  if (parsed.ok) throw new Error('expected a syntax error');
  return parsed.problem;
}

describe('template syntax errors', () => {
  it('gives the 1-based line and column of an unclosed mustache', () => {
    const problem = problemOf('<p>Dear {{contact.firstName}},</p>\n<p>Total: {{money totals.gross</p>');
    expect(problem).toMatchObject({ path: 'body', part: 'body', line: 2, column: 11 });
    expect(problem.message).toBe('`{{money totals.gross</p>` on line 2 is never closed with `}}`.');
  });

  it('points at a block closed with the wrong name', () => {
    const problem = problemOf('line one\n\n  {{#if a}}x{{/each}}');
    expect(problem).toMatchObject({ line: 3, column: 13 });
    expect(problem.message).toBe(
      '`{{/each}}` on line 3 closes nothing: `{{#if}}` opened on line 3 is the block open there.',
    );
  });

  it('reports every part that fails, and parses good parts', () => {
    let error: unknown;
    try {
      assertParses({ body: '<p>{{ok}}</p>', header: '{{#each}}', footer: 'Page {{' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const errors = (error as DomainError).errors;
    expect(errors.map((e) => e.path).sort()).toEqual(['footer', 'header']);
    for (const e of errors) expect(e).toMatchObject({ line: 1, column: expect.any(Number) });
    expect(Object.keys(assertParses({ body: '{{#if a}}{{b}}{{/if}}' }))).toEqual(['body']);
  });
});
