import { hunspell, type Speller } from '#core/templates/hunspell';
import type { SourcePart } from '#core/templates/template';
import type { TemplateWarning } from '#core/templates/warnings';

type Dictionary = { aff: Uint8Array; dic: Uint8Array };

// Languages to their Hunspell dictionaries: a locale finds its own tag first (`en-GB`), then its
// language (`en-AU` → `en`). Adding a language is one line here, its package in package.json, and
// its name in the templates-api's bundling (infra/catalog.ts): the packages read their files at run
// time. Keys are lower case.
const DICTIONARIES: Record<string, () => Promise<{ default: Dictionary }>> = {
  en: () => import('dictionary-en'), // en-US, and any English without a dictionary of its own
  'en-gb': () => import('dictionary-en-gb'),
  et: () => import('dictionary-et'),
};

/** Words documents use that a dictionary lacks: Estonian invoices print `Reg. kood` (registration code). */
const EXTRA_WORDS: Record<string, readonly string[]> = { et: ['reg'] };

/** The dictionaries there are, as a reader writes their tags. */
export const SPELLING_LANGUAGES = Object.keys(DICTIONARIES).map((k) =>
  k.replace(/-(\w+)$/, (_, r) => `-${r.toUpperCase()}`),
);

function dictionaryKey(locale: string): string | undefined {
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  if (Object.hasOwn(DICTIONARIES, tag)) return tag;
  const language = tag.split('-')[0];
  return Object.hasOwn(DICTIONARIES, language) ? language : undefined;
}

export const hasDictionary = (locale: string): boolean => dictionaryKey(locale) !== undefined;

// Loaded on first use and kept for the life of the process (a warm Lambda): reading the Estonian
// dictionary (4.4 MB, 282,000 stems) took 1.4–3.7 s on a busy 2-core machine; a check is then microseconds.
const spellers = new Map<string, Promise<Speller>>();
const decoder = new TextDecoder();
export function spellerFor(locale: string): Promise<Speller> | undefined {
  const key = dictionaryKey(locale);
  if (!key) return undefined;
  let speller = spellers.get(key);
  if (!speller) {
    speller = DICTIONARIES[key]().then(({ default: d }) => {
      const dictionary = hunspell(decoder.decode(d.aff), decoder.decode(d.dic));
      const extra = new Set(EXTRA_WORDS[key] ?? []);
      // An edited template is saved again and again with the same slips: their suggestions are kept.
      const suggested = new Map<string, string[]>();
      return {
        correct: (w: string) => extra.has(w.toLowerCase()) || dictionary.correct(w),
        suggest: (w: string, max?: number, budgetMs?: number) => {
          let found = suggested.get(w);
          if (!found) {
            found = dictionary.suggest(w, max, budgetMs);
            if (suggested.size >= 5_000) suggested.clear();
            suggested.set(w, found);
          }
          return found;
        },
      };
    });
    // A failed load is retried by the next check rather than cached.
    speller.catch(() => spellers.delete(key));
    spellers.set(key, speller);
  }
  return speller;
}

const MAX_WARNINGS = 50;
/** Suggestions cost far more than checks (every word one edit away is looked up): the first few only. */
const SUGGESTED_WORDS = 3;
const SUGGEST_MS = 30;
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/** A run of text a reader sees, where it starts in the source, and the language it is written in. */
export interface TextRun {
  text: string;
  line: number;
  column: number;
  locale: string;
}

export interface SpellingResult {
  warnings: TemplateWarning[];
  /** Locales met that have no dictionary, with where each was first met. */
  unchecked: Map<string, { part: SourcePart; line: number; column: number }>;
}

/** The misspelled words of some runs of text; each language's dictionary is loaded once. */
export async function checkRuns(
  runs: TextRun[],
  part: SourcePart,
  accepted: ReadonlySet<string>,
  result: SpellingResult = { warnings: [], unchecked: new Map() },
): Promise<SpellingResult> {
  const seen = new Set<string>();
  for (const run of runs) {
    if (run.locale === SET_AT_RENDER) continue;
    const load = spellerFor(run.locale);
    if (!load) {
      if (!result.unchecked.has(run.locale) && /\p{L}/u.test(run.text))
        result.unchecked.set(run.locale, { part, line: run.line, column: run.column });
      continue;
    }
    const speller = await load;
    for (const match of run.text.matchAll(WORD)) {
      if (result.warnings.length >= MAX_WARNINGS) return result;
      const word = match[0].replace(/’/g, "'");
      // Acronyms, names in CamelCase and very short words are not dictionary material.
      if (word.length < 3 || /\p{Lu}.*\p{Lu}/u.test(word)) continue;
      const key = `${run.locale}|${word}`;
      if (accepted.has(word.toLowerCase()) || seen.has(key) || speller.correct(word)) continue;
      seen.add(key);
      const before = run.text.slice(0, match.index);
      const newlines = before.split('\n');
      const line = run.line + newlines.length - 1;
      const column = (newlines.length === 1 ? run.column : 1) + newlines.at(-1)!.length;
      const suggested = result.warnings.filter((w) => w.kind === 'spelling' && w.suggestions).length;
      result.warnings.push({
        kind: 'spelling',
        part,
        line,
        column,
        message: `"${word}" may be misspelled (${run.locale}).`,
        text: word,
        ...(suggested < SUGGESTED_WORDS ? { suggestions: speller.suggest(word, 5, SUGGEST_MS) } : {}),
      });
    }
  }
  return result;
}

/** One notice per locale without a dictionary: never silence that looks like a clean check. */
export function uncheckedNotices(unchecked: SpellingResult['unchecked']): TemplateWarning[] {
  return [...unchecked].map(([locale, at]) => ({
    kind: 'no-dictionary' as const,
    ...at,
    message: `${locale}: no dictionary, nothing was checked (dictionaries: ${SPELLING_LANGUAGES.join(', ')}).`,
    text: locale,
  }));
}

// --- Template text: what a reader sees, in the language it is marked with ---------------------

type Node = hbs.AST.Node & Record<string, any>;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
// Markup that is not text: comments, `<!doctype>`, style and script elements, entities, and tags
// (a tag's attributes may hold `{{…}}`, so a tag left open here ends in a later piece of text).
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<(style|script)\b[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([A-Za-z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*(?:"[^"]*|'[^']*)?)(>|$)|&[#\w]+;/g;
/** `lang="{{locale}}"`: a language known only at render, whose text is not checked. */
const SET_AT_RENDER = '\u0000';
const LANG_ATTR = /\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i;

/**
 * The literal text of a template (not markup, comments, CSS or variables) as runs, each in its
 * language: the template's locale, or the nearest `lang="…"` element or `{{#lang "…"}}` block
 * around it. Elements may open in one piece of text and close in another, across tags.
 */
export function templateText(ast: hbs.AST.Program, locale: string): TextRun[] {
  const runs: TextRun[] = [];
  // Open elements and lang blocks, innermost last; `lang` where one says its language.
  const stack: Array<{ tag?: string; lang?: string }> = [];
  const current = () => stack.findLast((s) => s.lang)?.lang ?? locale;
  // A start tag whose attributes run on past a `{{…}}`: its name and the attributes read so far.
  let pending: { name: string; closing: boolean; attrs: string } | undefined;

  const element = (name: string, closing: boolean, attrs: string) => {
    if (closing) {
      const open = stack.findLastIndex((s) => s.tag === name);
      // Never past a lang block: an element closes inside the block it opened in.
      if (open >= 0 && !stack.slice(open).some((s) => s.tag === undefined)) stack.length = open;
      return;
    }
    if (VOID.has(name) || attrs.trimEnd().endsWith('/')) return;
    const found = LANG_ATTR.exec(attrs);
    const lang = found ? (found[1] ?? found[2] ?? found[3]).trim() : '';
    stack.push({ tag: name, lang: lang.includes(SET_AT_RENDER) ? SET_AT_RENDER : lang || undefined });
  };

  const content = (node: Node) => {
    const source: string = node.original ?? node.value;
    const startLine: number = node.loc?.start.line ?? 1;
    const startColumn: number = (node.loc?.start.column ?? 0) + 1;
    const at = (offset: number) => {
      const before = source.slice(0, offset).split('\n');
      return {
        line: startLine + before.length - 1,
        column: (before.length === 1 ? startColumn : 1) + before.at(-1)!.length,
      };
    };
    let last = 0;
    if (pending) {
      const end = source.indexOf('>');
      if (end < 0) {
        pending.attrs += source;
        return;
      }
      element(pending.name, pending.closing, pending.attrs + source.slice(0, end));
      pending = undefined;
      last = end + 1;
    }
    const text = (end: number) => {
      if (end > last && /\p{L}/u.test(source.slice(last, end)))
        runs.push({ text: source.slice(last, end), ...at(last), locale: current() });
    };
    TOKEN.lastIndex = last;
    for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) {
      if (m[0] === '') {
        TOKEN.lastIndex++;
        continue;
      }
      text(m.index);
      last = m.index + m[0].length;
      const name = m[3]?.toLowerCase();
      if (!name) continue;
      if (m[5] === '>') element(name, m[2] === '/', m[4] ?? '');
      else pending = { name, closing: m[2] === '/', attrs: m[4] ?? '' };
    }
    text(source.length);
  };

  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') return node.body.forEach(visit);
    if (node.type === 'ContentStatement') return content(node);
    if (node.type === 'MustacheStatement' && pending) pending.attrs += SET_AT_RENDER;
    if (node.type !== 'BlockStatement') return;
    const isLang =
      node.path.type === 'PathExpression' && node.path.original === 'lang' && node.params[0]?.type === 'StringLiteral';
    if (isLang) stack.push({ lang: String(node.params[0].value).trim() || undefined });
    const depth = stack.length;
    visit(node.program);
    visit(node.inverse);
    if (isLang) stack.length = depth - 1;
  };
  visit(ast as Node);
  return runs;
}

/** Free text (an email message, a contract body) as one run; line and column count from 1. */
export const plainText = (text: string, locale: string): TextRun[] => [{ text, line: 1, column: 1, locale }];

export type TextWarning = Omit<TemplateWarning, 'part'>;

/**
 * `POST /v1/spellcheck`: the same warnings as a template save, for free text (an email message, a
 * contract body). A locale without a dictionary answers its notice, never an error.
 */
export async function checkFreeText(
  text: string,
  locale: string,
  acceptedWords: readonly string[],
): Promise<{ dictionary: string | null; warnings: TextWarning[] }> {
  const accepted = new Set(acceptedWords.map((w) => w.toLowerCase()));
  const result = await checkRuns(plainText(text, locale), 'body', accepted);
  if (!hasDictionary(locale)) result.unchecked.set(locale, { part: 'body', line: 1, column: 1 });
  const key = dictionaryKey(locale);
  const warnings = [...result.warnings, ...uncheckedNotices(result.unchecked)].map(({ part: _p, ...w }) => w);
  return { dictionary: key ? SPELLING_LANGUAGES[Object.keys(DICTIONARIES).indexOf(key)] : null, warnings };
}
