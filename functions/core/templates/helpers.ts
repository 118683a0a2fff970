import Handlebars, { type HelperOptions } from 'handlebars';
import { localeText } from '#core/templates/locales';

// Helpers return plain strings, never SafeString: whatever a record holds is escaped on output.
// The one exception is `markdown`, which escapes its input itself before adding its few tags.
// Every helper reads the locale from the render's data frame (`@locale`), so one compiled template
// serves any locale and nothing global changes between renders.

type Options = HelperOptions & { data?: { locale?: string; currency?: string } };

const isOptions = (v: unknown): v is Options =>
  typeof v === 'object' && v !== null && 'hash' in v && 'data' in (v as object);
/** Positional arguments without the trailing options object Handlebars appends. */
const argsOf = (args: unknown[]): { values: unknown[]; options: Options } => {
  const last = args.at(-1);
  return isOptions(last) ? { values: args.slice(0, -1), options: last } : { values: args, options: {} as Options };
};
const localeOf = (options: Options): string => options.data?.locale ?? 'en-US';
// A bare `en` (the built-in emails, a send asked in `en`) writes dates as English is written in the
// EU, where Dossier's tenants are: 21/12/2026, 17:00, never 12/21/2026, 5:00 PM. `en-US` still says otherwise.
const dateLocaleOf = (options: Options): string => (localeOf(options) === 'en' ? 'en-GB' : localeOf(options));
const toNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const blank = (v: unknown): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) {
    // An unknown locale or currency throws here: the render fails with Intl's own message.
    f = make();
    formatters.set(key, f);
  }
  return f as T;
}

function money(...args: unknown[]): string {
  const { values, options } = argsOf(args);
  const amount = toNumber(values[0]);
  if (amount === undefined) return '';
  const currency = String(values[1] ?? options.data?.currency ?? 'EUR');
  const locale = localeOf(options);
  return cached(`m|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(
    amount,
  );
}

function number(...args: unknown[]): string {
  const { values, options } = argsOf(args);
  const n = toNumber(values[0]);
  if (n === undefined) return '';
  const decimals = toNumber(values[1]);
  const locale = localeOf(options);
  const key = `n|${locale}|${decimals ?? ''}`;
  const opts = decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  return cached(key, () => new Intl.NumberFormat(locale, opts)).format(n);
}

function percent(...args: unknown[]): string {
  const { values, options } = argsOf(args);
  const n = toNumber(values[0]);
  if (n === undefined) return '';
  const locale = localeOf(options);
  return cached(
    `p|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }),
  ).format(n / 100);
}

const DATE_STYLES = ['short', 'medium', 'long', 'full'] as const;
type DateStyle = (typeof DATE_STYLES)[number];
/** An IANA zone Intl knows, else undefined (a typo in a profile must not fail every render). */
const knownZone = (zone: unknown): string | undefined => {
  if (typeof zone !== 'string' || !zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
};
/**
 * `{{date document.date}}`, `{{date x "long"}}` or `style="long"`; a part: "year", "month", "day",
 * "iso"; `numeric`: digits in the locale's order (06.12.2026 in Estonian, 12/06/2026 in en-US);
 * `datetime`: numeric date, time and zone for an instant, in `timeZone=` (default UTC).
 */
function date(...args: unknown[]): string {
  const { values, options } = argsOf(args);
  const raw = values[0];
  if (blank(raw)) return '';
  const d = new Date(raw as string);
  if (Number.isNaN(d.getTime())) return String(raw);
  const style = String(options.hash?.style ?? values[1] ?? 'medium');
  if (style === 'iso') return d.toISOString().slice(0, 10);
  if (style === 'year') return String(d.getUTCFullYear());
  if (style === 'month') return String(d.getUTCMonth() + 1).padStart(2, '0');
  if (style === 'day') return String(d.getUTCDate()).padStart(2, '0');
  const locale = dateLocaleOf(options);
  if (style === 'numeric')
    return cached(
      `dn|${locale}`,
      () => new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
    ).format(d);
  if (style === 'datetime') {
    const timeZone = knownZone(options.hash?.timeZone) ?? 'UTC';
    return cached(
      `dt|${locale}|${timeZone}`,
      () =>
        new Intl.DateTimeFormat(locale, {
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          timeZone,
          timeZoneName: 'shortGeneric',
        }),
    ).format(d);
  }
  const dateStyle: DateStyle = (DATE_STYLES as readonly string[]).includes(style) ? (style as DateStyle) : 'medium';
  return cached(
    `d|${locale}|${dateStyle}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }),
  ).format(d);
}

/**
 * `{{t "invoice.dueDate"}}`: the text of a key in the locale pack of the template's language
 * (templates/locales/), English when that language has none. Hash values fill `{name}` marks:
 * `{{t "email.invoice.subject" number=document.number amount=(money totals.gross currency)}}`.
 * An unknown key fails the render: a document must never print a key instead of its words.
 */
function t(...args: unknown[]): string {
  const { values, options } = argsOf(args);
  const key = String(values[0] ?? '');
  const text = localeText(localeOf(options), key);
  if (text === undefined) throw new Error(`Unknown locale key "${key}".`);
  const hash = (options.hash ?? {}) as Record<string, unknown>;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    Object.hasOwn(hash, name) && !blank(hash[name]) ? String(hash[name]) : '',
  );
}

/** `{{iban tenant.bank.iban}}`: in groups of four, as people read and type it (EE38 2200 2210 …). */
function iban(...args: unknown[]): string {
  const raw = argsOf(args).values[0];
  if (blank(raw)) return '';
  return String(raw)
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

const escapeHtml = (s: string): string => Handlebars.Utils.escapeExpression(s);
/** `**bold**` inside an already escaped line. */
const inline = (escaped: string): string => escaped.replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>');
const BULLET = /^\s*[-*•]\s+/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+/;

/**
 * `{{markdown document.text}}`: Markdown-lite for a contract's or letter's body. Blank lines part
 * paragraphs, lines starting `- `/`* ` or `1. ` make lists, `**…**` is bold; line breaks inside a
 * paragraph stay. Everything else is text: it is escaped before any tag is added.
 */
function markdown(...args: unknown[]): Handlebars.SafeString | string {
  const raw = argsOf(args).values[0];
  if (blank(raw)) return '';
  const blocks = String(raw)
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').filter((l) => l.trim()))
    .filter((lines) => lines.length);
  const html = blocks.map((lines) => {
    const kind = lines.every((l) => BULLET.test(l)) ? 'ul' : lines.every((l) => NUMBERED.test(l)) ? 'ol' : 'p';
    if (kind === 'p') return `<p>${lines.map((l) => inline(escapeHtml(l.trim()))).join('<br>')}</p>`;
    const marker = kind === 'ul' ? BULLET : NUMBERED;
    return `<${kind}>${lines.map((l) => `<li>${inline(escapeHtml(l.replace(marker, '').trim()))}</li>`).join('')}</${kind}>`;
  });
  return new Handlebars.SafeString(html.join('\n'));
}

const arithmetic =
  (op: (a: number, b: number) => number) =>
  (...args: unknown[]): number | '' => {
    const { values } = argsOf(args);
    const [a, b] = [toNumber(values[0]), toNumber(values[1])];
    if (a === undefined || b === undefined) return '';
    const r = op(a, b);
    return Number.isFinite(r) ? r : '';
  };

/** `{{sum lineItems "net"}}`: adds one numeric field over a list. */
function sum(...args: unknown[]): number {
  const { values } = argsOf(args);
  const [list, field] = values;
  if (!Array.isArray(list)) return 0;
  return list.reduce((total: number, item) => {
    const v = toNumber(field === undefined ? item : (item as Record<string, unknown> | null)?.[String(field)]);
    return total + (v ?? 0);
  }, 0);
}

const compare =
  (test: (a: unknown, b: unknown) => boolean) =>
  (...args: unknown[]): boolean => {
    const { values } = argsOf(args);
    return test(values[0], values[1]);
  };
const numeric = (test: (a: number, b: number) => boolean) =>
  compare((a, b) => {
    const [x, y] = [toNumber(a), toNumber(b)];
    return x !== undefined && y !== undefined && test(x, y);
  });

export const HELPERS: Record<string, (...args: unknown[]) => unknown> = {
  money,
  number,
  percent,
  date,
  t,
  iban,
  markdown,
  add: arithmetic((a, b) => a + b),
  subtract: arithmetic((a, b) => a - b),
  multiply: arithmetic((a, b) => a * b),
  divide: arithmetic((a, b) => a / b),
  round: (...args) => {
    const { values } = argsOf(args);
    const n = toNumber(values[0]);
    const d = toNumber(values[1]) ?? 0;
    return n === undefined ? '' : Math.round(n * 10 ** d) / 10 ** d;
  },
  sum,
  eq: compare((a, b) => a === b),
  ne: compare((a, b) => a !== b),
  lt: numeric((a, b) => a < b),
  lte: numeric((a, b) => a <= b),
  gt: numeric((a, b) => a > b),
  gte: numeric((a, b) => a >= b),
  and: (...args) => argsOf(args).values.every(Boolean),
  or: (...args) => argsOf(args).values.some(Boolean),
  not: (...args) => !argsOf(args).values[0],
  default: (...args) => {
    const { values } = argsOf(args);
    return values.find((v) => !blank(v)) ?? '';
  },
  upper: (...args) => String(argsOf(args).values[0] ?? '').toUpperCase(),
  lower: (...args) => String(argsOf(args).values[0] ?? '').toLowerCase(),
  // `{{#lang "en"}}…{{/lang}}` marks text in another language for the spelling check; it prints
  // its content as it is (put `lang="en"` on an element to tell the reader's software too).
  lang: function (this: unknown, ...args: unknown[]) {
    const { options } = argsOf(args);
    return typeof options.fn === 'function' ? options.fn(this) : '';
  },
};

/** Names a template may call beside Handlebars' own block helpers (the variable lint skips them). */
export const HELPER_NAMES = new Set([...Object.keys(HELPERS), 'if', 'unless', 'each', 'with', 'lookup', 'log']);
