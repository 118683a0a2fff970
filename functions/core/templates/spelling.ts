import type { SourcePart } from '#core/templates/template';
import type { TemplateWarning } from '#core/templates/warnings';

type Speller = { correct(word: string): boolean; suggest(word: string): string[] };

// Dictionaries by language; a locale without one gets no spelling warnings (never an error).
// Loaded on first use and kept: building the English speller takes a few hundred milliseconds.
const LOADERS: Record<string, () => Promise<{ aff: Uint8Array; dic: Uint8Array }>> = {
  en: async () => (await import('dictionary-en')).default,
};
const spellers = new Map<string, Promise<Speller>>();

function spellerFor(locale: string): Promise<Speller> | undefined {
  const language = locale.split('-')[0].toLowerCase();
  const load = LOADERS[language];
  if (!load) return undefined;
  let speller = spellers.get(language);
  if (!speller) {
    speller = Promise.all([import('nspell'), load()]).then(([{ default: nspell }, dict]) =>
      nspell(Buffer.from(dict.aff), Buffer.from(dict.dic)),
    );
    spellers.set(language, speller);
  }
  return speller;
}

export const hasDictionary = (locale: string): boolean => locale.split('-')[0].toLowerCase() in LOADERS;

const MAX_WARNINGS = 50;
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
/** Blanks out markup but keeps every offset, so positions still point into the source. */
const blank = (m: string) => m.replace(/[^\n]/g, ' ');
const textOf = (html: string) =>
  html
    .replace(/<(style|script)\b[\s\S]*?(<\/\1\s*>|$)/gi, blank)
    .replace(/<!--[\s\S]*?(-->|$)/g, blank)
    .replace(/<[^>]*>?/g, blank)
    .replace(/&[#\w]+;/g, blank);

/** Words a reader sees (the template's literal text, not markup or variables) that the dictionary lacks. */
export async function checkSpelling(
  ast: hbs.AST.Program,
  part: SourcePart,
  locale: string,
  accepted: ReadonlySet<string>,
): Promise<TemplateWarning[]> {
  const speller = await spellerFor(locale);
  if (!speller) return [];
  const warnings: TemplateWarning[] = [];
  const seen = new Set<string>();
  const visit = (node: any): void => {
    if (!node || warnings.length >= MAX_WARNINGS) return;
    if (node.type === 'Program') return node.body.forEach(visit);
    if (node.type === 'BlockStatement') {
      visit(node.program);
      visit(node.inverse);
      return;
    }
    if (node.type !== 'ContentStatement') return;
    const text = textOf(node.original ?? node.value);
    for (const match of text.matchAll(WORD)) {
      const word = match[0].replace(/’/g, "'");
      // Acronyms, names in CamelCase and very short words are not dictionary material.
      if (word.length < 3 || /\p{Lu}.*\p{Lu}/u.test(word)) continue;
      if (accepted.has(word.toLowerCase()) || seen.has(word) || speller.correct(word)) continue;
      seen.add(word);
      const before = text.slice(0, match.index);
      const newlines = before.split('\n');
      const line = node.loc.start.line + newlines.length - 1;
      const column = (newlines.length === 1 ? node.loc.start.column : 0) + newlines.at(-1)!.length + 1;
      warnings.push({
        kind: 'spelling',
        part,
        line,
        column,
        message: `"${word}" may be misspelled.`,
        text: word,
        suggestions: speller.suggest(word).slice(0, 5),
      });
      if (warnings.length >= MAX_WARNINGS) return;
    }
  };
  visit(ast);
  return warnings;
}
