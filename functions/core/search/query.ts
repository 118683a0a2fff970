import { fold, wordsOf } from '#core/search/words';

// What a user types, read as plain text: words, "quoted phrases" and -excluded words or phrases,
// all required (AND). Nothing reaches the engine as syntax: every term is cut into the words the
// index's tokenizer would make of it, and only letters and digits remain. A term that is several
// words once cut (`e-mail`, `a:b`) is a phrase of them.

export const MAX_QUERY_CHARS = 500;
export const MAX_QUERY_WORDS = 20;

/** One required or excluded term: a single word, or a phrase of several, as written (not folded). */
export type Term = string[];

export interface ParsedQuery {
  must: Term[];
  mustNot: Term[];
  /** The last word as typed, still being typed: it also matches as the start of a word. */
  prefix?: string;
  /** Every required word, folded, for marking snippets. */
  marks: string[];
}

export type QueryProblem = 'empty' | 'too-long' | 'too-many-words';

const PIECE = /(-?)"([^"]*)"|(\S+)/g;

export function parseQuery(q: string): ParsedQuery | QueryProblem {
  if (q.length > MAX_QUERY_CHARS) return 'too-long';
  // An odd quote has no partner: it is text, like any other stop character.
  const quotes = (q.match(/"/g) ?? []).length;
  const text = quotes % 2 ? q.replace(/"(?=[^"]*$)/, ' ') : q;
  const must: Term[] = [];
  const mustNot: Term[] = [];
  for (const m of text.matchAll(PIECE)) {
    const quoted = m[2] !== undefined;
    const raw = quoted ? m[2]! : m[3]!;
    const excluded = quoted ? m[1] === '-' : raw.startsWith('-') && raw.length > 1;
    const words = wordsOf(quoted || !excluded ? raw : raw.slice(1)).map((w) => w.toLowerCase());
    if (words.length) (excluded ? mustNot : must).push(words);
  }
  const count = [...must, ...mustNot].reduce((n, t) => n + t.length, 0);
  if (count > MAX_QUERY_WORDS) return 'too-many-words';
  if (!must.length) return 'empty';
  const last = must.at(-1)!;
  // Still being typed: a bare last word, the query not closed by a space or a quote.
  const typing = last.length === 1 && /[\p{L}\p{N}]$/u.test(text) && !/"\s*$/.test(text);
  return {
    must,
    mustNot,
    prefix: typing ? last[0] : undefined,
    marks: [...new Set(must.flat().map(fold))],
  };
}
