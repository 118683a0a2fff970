// A Hunspell dictionary read by lookup, the way Hunspell itself checks a word: strip a known
// ending (or beginning), and look the stem up with the affix rule's flag. nspell instead expands
// every word with every rule it allows at load time, which never finished for Estonian (282,000
// stems, 9,000 rules: still running after 300 s); lookup loads it in 1.4 s on a busy 2-core machine.
//
// The subset of the format the shipped dictionaries (en-US, en-GB, et) use: PFX/SFX with strip,
// add and condition, cross products (one prefix and one suffix), continuation classes one level
// deep (a suffix on a suffix), COMPOUNDFLAG and COMPOUNDMIN (Estonian writes compounds as one word:
// `käibemaksukohustuslane` is käibe + maksu + kohustuslane), ONLYINCOMPOUND, NEEDAFFIX,
// FORBIDDENWORD, NOSUGGEST, TRY and REP, and FLAG long/num. A dictionary using more (COMPOUNDRULE
// beyond digits, CHECKCOMPOUND*) is read with those rules off: it can only accept fewer words.

interface Affix {
  flag: string;
  strip: string;
  add: string;
  cond: RegExp | undefined;
  cross: boolean;
  /** Continuation flags: the affixes that may follow this one. */
  cont: string;
}

const MAX_WORD = 100;
/** One edit away from a longer word is thousands of lookups, and hardly ever what was meant. */
const MAX_SUGGESTED = 20;

export interface Speller {
  correct(word: string): boolean;
  /** Up to `max` words one edit away: whole words first, then compounds for at most `budgetMs`. */
  suggest(word: string, max?: number, budgetMs?: number): string[];
}

type FlagMode = 'char' | 'long' | 'num' | 'UTF-8';

function splitFlags(raw: string, mode: FlagMode): string[] {
  if (!raw) return [];
  if (mode === 'long') return raw.match(/../g) ?? [];
  if (mode === 'num') return raw.split(',');
  return [...raw];
}

/** Hunspell conditions are a small regex language: `.`, `[abc]`, `[^abc]` and literals. */
const conditionCache = new Map<string, RegExp>();
function condition(cond: string, suffix: boolean): RegExp | undefined {
  if (cond === '.' || cond === '') return undefined;
  const key = `${suffix ? 's' : 'p'}${cond}`;
  let re = conditionCache.get(key);
  if (!re) {
    const body = cond.replace(/[\\$*+?(){}|/]/g, (c) => `\\${c}`);
    re = new RegExp(suffix ? `(?:${body})$` : `^(?:${body})`, 'u');
    conditionCache.set(key, re);
  }
  return re;
}

export function hunspell(affText: string, dicText: string): Speller {
  let mode: FlagMode = 'char';
  const flags = { compound: '', onlyInCompound: '', needAffix: '', forbidden: '', noSuggest: '' };
  let compoundMin = 3;
  let tryChars = '';
  const rep: [string, string][] = [];
  const prefixes = new Map<string, Affix[]>();
  const suffixes = new Map<string, Affix[]>();
  let maxPrefix = 0;
  let maxSuffix = 0;
  const cross = new Map<string, boolean>();

  for (const line of affText.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    switch (f[0]) {
      case 'FLAG':
        mode = f[1] as FlagMode;
        break;
      case 'COMPOUNDFLAG':
        flags.compound = f[1];
        break;
      case 'COMPOUNDMIN':
        compoundMin = Math.max(1, Number(f[1]) || 1);
        break;
      case 'ONLYINCOMPOUND':
        flags.onlyInCompound = f[1];
        break;
      case 'NEEDAFFIX':
        flags.needAffix = f[1];
        break;
      case 'FORBIDDENWORD':
        flags.forbidden = f[1];
        break;
      case 'NOSUGGEST':
        flags.noSuggest = f[1];
        break;
      case 'TRY':
        tryChars = f[1] ?? '';
        break;
      case 'REP':
        if (f.length >= 3) rep.push([f[1].replace(/_/g, ' '), f[2].replace(/_/g, ' ')]);
        break;
      case 'PFX':
      case 'SFX': {
        const suffix = f[0] === 'SFX';
        // The header line: `SFX A Y 14`; rule lines have a strip, an add and a condition.
        if (f.length === 4 && /^\d+$/.test(f[3]) && !cross.has(`${f[0]}${f[1]}`)) {
          cross.set(`${f[0]}${f[1]}`, f[2] === 'Y');
          break;
        }
        if (f.length < 4) break;
        const [addRaw, cont = ''] = f[3].split('/');
        const add = addRaw === '0' ? '' : addRaw;
        const affix: Affix = {
          flag: f[1],
          strip: f[2] === '0' ? '' : f[2],
          add,
          cond: condition(f[4] ?? '.', suffix),
          cross: cross.get(`${f[0]}${f[1]}`) ?? false,
          cont: splitFlags(cont, mode).join('\u0000'),
        };
        const index = suffix ? suffixes : prefixes;
        const list = index.get(add);
        if (list) list.push(affix);
        else index.set(add, [affix]);
        if (suffix) maxSuffix = Math.max(maxSuffix, add.length);
        else maxPrefix = Math.max(maxPrefix, add.length);
        break;
      }
      default:
    }
  }

  // Stems to their flags, kept as the flag string itself (a stem listed twice, as homonyms, gets
  // both): one string per word is what keeps the Estonian dictionary's 282,000 stems fast to load.
  const words = new Map<string, string>();
  const sep = mode === 'long' || mode === 'num' ? ',' : '';
  const dic = dicText.split('\n');
  for (let i = 1; i < dic.length; i++) {
    let line = dic[i];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!line) continue;
    // `word/flags`, optionally followed by morphological fields after a tab or space.
    const tab = line.indexOf('\t');
    if (tab >= 0) line = line.slice(0, tab);
    const slash = line.indexOf('/', 1);
    const word = slash < 0 ? line.trim() : line.slice(0, slash);
    let fl = slash < 0 ? '' : line.slice(slash + 1).split(' ')[0];
    if (sep && fl) fl = splitFlags(fl, mode).join(sep) + sep;
    const known = words.get(word);
    words.set(word, known === undefined ? fl : known + fl);
  }
  // Flags in `long` and `num` mode end with a comma each, so `12,` cannot match inside `112,`.
  const has = (fl: string | undefined, flag: string) =>
    Boolean(flag) && fl !== undefined && (sep ? (sep + fl).includes(sep + flag + sep) : fl.includes(flag));
  const contHas = (a: Affix, flag: string) => Boolean(flag) && a.cont.split('\u0000').includes(flag);

  /** Whole-word lookups: the bare stem, a stem with one suffix, one prefix, or one of each. */
  type Need = { flag?: string; allowPrefix: boolean; allowSuffix: boolean; inCompound: boolean };
  const bare = (w: string, need: Need): boolean => {
    const fl = words.get(w);
    if (fl === undefined || has(fl, flags.forbidden) || has(fl, flags.needAffix)) return false;
    if (!need.inCompound && has(fl, flags.onlyInCompound)) return false;
    return need.flag ? has(fl, need.flag) : true;
  };
  /** A root carrying `flag` (and `also`, for a cross product), meeting what the caller needs. */
  const root = (stem: string, flag: string, need: Need, also?: string): boolean => {
    const fl = words.get(stem);
    if (fl === undefined || !has(fl, flag) || has(fl, flags.forbidden)) return false;
    if (also && !has(fl, also)) return false;
    if (!need.inCompound && has(fl, flags.onlyInCompound)) return false;
    return need.flag ? has(fl, need.flag) : true;
  };

  const suffixed = (w: string, need: Need, prefixFlag?: string, depth = 0): boolean => {
    for (let l = Math.min(maxSuffix, w.length - 1); l >= 0; l--) {
      const rules = suffixes.get(w.slice(w.length - l));
      if (!rules) continue;
      const base = w.slice(0, w.length - l);
      for (const a of rules) {
        if (prefixFlag && !a.cross) continue;
        const stem = base + a.strip;
        if (!stem || (a.cond && !a.cond.test(stem))) continue;
        if (root(stem, a.flag, need, prefixFlag)) return true;
        // A suffix on a suffix: the inner one must let this one follow it.
        if (depth === 0 && !prefixFlag && innerSuffix(stem, a.flag, need)) return true;
      }
    }
    return false;
  };
  const innerSuffix = (w: string, outer: string, need: Need): boolean => {
    for (let l = Math.min(maxSuffix, w.length - 1); l >= 0; l--) {
      const rules = suffixes.get(w.slice(w.length - l));
      if (!rules) continue;
      const base = w.slice(0, w.length - l);
      for (const a of rules) {
        if (!a.cont || !contHas(a, outer)) continue;
        const stem = base + a.strip;
        if (stem && (!a.cond || a.cond.test(stem)) && root(stem, a.flag, need)) return true;
      }
    }
    return false;
  };
  const prefixed = (w: string, need: Need): boolean => {
    for (let l = Math.min(maxPrefix, w.length - 1); l >= 0; l--) {
      const rules = prefixes.get(w.slice(0, l));
      if (!rules) continue;
      const rest = w.slice(l);
      for (const a of rules) {
        const stem = a.strip + rest;
        if (!stem || (a.cond && !a.cond.test(stem))) continue;
        if (root(stem, a.flag, need)) return true;
        if (a.cross && need.allowSuffix && suffixed(stem, need, a.flag)) return true;
      }
    }
    return false;
  };
  const word = (w: string, need: Need): boolean =>
    bare(w, need) || (need.allowSuffix && suffixed(w, need)) || (need.allowPrefix && prefixed(w, need));

  // Compounds (Hunspell's rules): a prefix only on the first part, a suffix only on the last, every
  // part carrying the compound flag and at least COMPOUNDMIN letters.
  // `rest` remembers which tails cannot end a compound, so a long run of short parts
  // (`kasskasskass…`) is tried in quadratic, not exponential, time.
  const compound = (w: string, first: boolean, rest = new Map<string, boolean>()): boolean => {
    if (!flags.compound) return false;
    for (let i = compoundMin; i <= w.length - compoundMin; i++) {
      const head = w.slice(0, i);
      const ok = word(head, { flag: flags.compound, allowPrefix: first, allowSuffix: false, inCompound: true });
      if (!ok) continue;
      const tail = w.slice(i);
      let ends = rest.get(tail);
      if (ends === undefined) {
        const last = { flag: flags.compound, allowPrefix: false, allowSuffix: true, inCompound: true };
        ends = word(tail, last) || compound(tail, false, rest);
        rest.set(tail, ends);
      }
      if (ends) return true;
    }
    return false;
  };

  const memo = new Map<string, boolean>();
  const checkExact = (w: string): boolean => {
    let ok = memo.get(w);
    if (ok === undefined) {
      ok = word(w, { allowPrefix: true, allowSuffix: true, inCompound: false }) || compound(w, true);
      if (memo.size > 50_000) memo.clear();
      memo.set(w, ok);
    }
    return ok;
  };
  /** The spellings a word in running text may stand for, as Hunspell tries them. */
  const caseVariants = (w: string): string[] => {
    const lower = w.toLowerCase();
    if (lower === w) return [w];
    const capital = lower[0].toUpperCase() + lower.slice(1);
    // Capitalised at the start of a sentence; all capitals for emphasis. Mixed (`WAs`) is as written.
    if (w === capital) return [w, lower];
    if (w === w.toUpperCase()) return [w, lower, capital];
    return [w];
  };
  // Hunspell's own limit: longer "words" are not words.
  const correct = (w: string): boolean => w.length <= MAX_WORD && caseVariants(w).some(checkExact);

  const suggest = (w: string, max = 5, budgetMs = 50): string[] => {
    if (w.length > MAX_SUGGESTED) return [];
    const out: string[] = [];
    const capitalised = w[0] !== w[0].toLowerCase();
    const lower = capitalised ? w[0].toLowerCase() + w.slice(1) : w;
    const shape = (s: string) => (capitalised ? s[0].toUpperCase() + s.slice(1) : s);
    const letters = [...new Set([...tryChars.toLowerCase()])];
    const chars = [...lower];
    // Most likely first: the language's usual confusions, swapped letters, then one letter off.
    const generators: Array<() => Iterable<string>> = [
      function* () {
        for (const [from, to] of rep)
          for (let i = lower.indexOf(from); i >= 0; i = lower.indexOf(from, i + 1))
            yield lower.slice(0, i) + to + lower.slice(i + from.length);
      },
      function* () {
        for (let i = 0; i < chars.length - 1; i++) {
          const c = [...chars];
          [c[i], c[i + 1]] = [c[i + 1], c[i]];
          yield c.join('');
        }
      },
      function* () {
        for (let i = 0; i < chars.length; i++) yield [...chars.slice(0, i), ...chars.slice(i + 1)].join('');
      },
      function* () {
        for (let i = 0; i <= chars.length; i++)
          for (const l of letters) yield [...chars.slice(0, i), l, ...chars.slice(i)].join('');
      },
      function* () {
        for (let i = 0; i < chars.length; i++)
          for (const l of letters) if (l !== chars[i]) yield [...chars.slice(0, i), l, ...chars.slice(i + 1)].join('');
      },
    ];
    // Whole words first, compounds after: a compound check tries every split, and random letters
    // glued to a real word too often make a "compound" nobody meant.
    const simple = (c: string) => word(c, { allowPrefix: true, allowSuffix: true, inCompound: false });
    const seen = new Set<string>([lower]);
    // The whole-word pass is bounded by the word's length, not the clock, so the same word always
    // gets the same suggestions; the compound pass only runs while the budget lasts.
    for (const accepts of [simple, checkExact]) {
      const started = performance.now();
      for (const generate of generators)
        for (const c of generate()) {
          if (accepts !== simple && performance.now() - started > budgetMs) return out;
          if (c === lower || (accepts === simple ? seen.has(c) : out.includes(shape(c)))) continue;
          if (accepts === simple) seen.add(c);
          if (!accepts(c) || has(words.get(c), flags.noSuggest)) continue;
          out.push(shape(c));
          if (out.length >= max) return out;
        }
    }
    return out;
  };

  return { correct, suggest };
}
