import { fold, wordsOf } from '#core/search/words';

// Last-word prefix search on an inverted index that knows whole words only: each chunk also
// carries the starts of its distinct words (folded) as words of their own, and the word being
// typed is looked up there. LanceDB's n-gram tokenizer with `prefixOnly` indexes the start of the
// whole text, not of each word (measured: `garan` did not find a later word), hence this column.

/** The shortest start that matches: one letter would match nearly everything. */
export const MIN_PREFIX = 2;
/** Starts longer than this are cut here, in the index and in the query alike. */
export const MAX_PREFIX = 16;
/** Distinct words per chunk given starts: bounds the column for word lists and tables. */
const MAX_WORDS = 4000;

/** The starts of the text's distinct words, folded, space-separated. */
export function prefixesOf(text: string): string {
  const words = [...new Set(wordsOf(text).map(fold))].slice(0, MAX_WORDS);
  const starts = new Set<string>();
  for (const w of words) for (let n = MIN_PREFIX; n <= Math.min(w.length, MAX_PREFIX); n++) starts.add(w.slice(0, n));
  return [...starts].join(' ');
}

/** The prefix term a typed word is looked up by, or none when it is too short to be one. */
export function prefixTerm(word: string): string | undefined {
  const folded = fold(word);
  return folded.length >= MIN_PREFIX ? folded.slice(0, MAX_PREFIX) : undefined;
}
