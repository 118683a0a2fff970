// How the index splits and folds text (LanceDB's simple tokenizer with ASCII folding and lowercase),
// repeated here so that queries, prefix terms and snippets agree with it word for word.

/** A run of letters or digits: what the index's tokenizer keeps as one term. */
export const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercase, diacritics removed: `Õunapuu` → `ounapuu`. */
export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a text, as written. */
export const wordsOf = (s: string): string[] => s.match(WORD) ?? [];
