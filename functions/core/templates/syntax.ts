import Handlebars from 'handlebars';
import { DomainError, type FieldError } from '#core/errors';
import { blockStructure, parserMessageInWords } from '#core/templates/block-structure';
import type { SourcePart } from '#core/templates/template';

interface JisonHash {
  loc?: { first_line: number; first_column: number; last_line: number; last_column: number };
}

// Handlebars' jison parser throws a bare Error whose position is only in the text; keeping the
// location it passes to parseError gives clients a line and column they can jump to.
const parser = (Handlebars as unknown as { Parser: unknown }).Parser as {
  parseError: (message: string, hash: JisonHash) => never;
};
parser.parseError = (message, hash) => {
  throw Object.assign(new Error(message), { loc: hash?.loc });
};

export interface SyntaxProblem extends FieldError {
  line: number;
  column: number;
}

type Parsed = ReturnType<typeof Handlebars.parse>;

/** The parsed template, or the problem with a 1-based line and column. */
export function parseSource(
  source: string,
  part: SourcePart,
): { ok: true; ast: Parsed } | { ok: false; problem: SyntaxProblem } {
  try {
    return { ok: true, ast: Handlebars.parse(source) };
  } catch (e) {
    const err = e as Error & { loc?: JisonHash['loc']; lineNumber?: number; column?: number };
    // A block left open or closed wrongly is found where it opened, in words; anything else is the
    // parser's position with its complaint put in words.
    const structure = blockStructure(source);
    if (structure) return { ok: false, problem: { path: part, part, ...structure } };
    const line = err.loc ? err.loc.first_line : (err.lineNumber ?? 1);
    const column = err.loc ? err.loc.first_column + 1 : (err.column ?? 0) + 1;
    const raw = err.message
      .split('\n')
      .at(-1)!
      .replace(/ - \d+:\d+$/, '');
    return {
      ok: false,
      problem: { path: part, part, line, column, message: parserMessageInWords(raw, source, line, column) },
    };
  }
}

/** Throws VALIDATION (400) listing every part that does not parse. */
export function assertParses(parts: Partial<Record<SourcePart, string>>): Partial<Record<SourcePart, Parsed>> {
  const asts: Partial<Record<SourcePart, Parsed>> = {};
  const problems: SyntaxProblem[] = [];
  for (const [part, source] of Object.entries(parts) as [SourcePart, string | undefined][]) {
    if (source === undefined) continue;
    const parsed = parseSource(source, part);
    if (parsed.ok) asts[part] = parsed.ast;
    else problems.push(parsed.problem);
  }
  if (problems.length) throw new DomainError('VALIDATION', 'The template has a syntax error.', problems);
  return asts;
}
