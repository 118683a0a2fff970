import type { HelperOptions } from 'handlebars';

// Helpers return plain strings, never SafeString: whatever a record holds is escaped on output.
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
/** `{{date document.date}}`, `{{date x "long"}}`, or a part: "year", "month", "day", "iso". */
function date(...args: unknown[]): string {
  const { values, options } = argsOf(args);
  const raw = values[0];
  if (blank(raw)) return '';
  const d = new Date(raw as string);
  if (Number.isNaN(d.getTime())) return String(raw);
  const style = String(values[1] ?? 'medium');
  if (style === 'iso') return d.toISOString().slice(0, 10);
  if (style === 'year') return String(d.getUTCFullYear());
  if (style === 'month') return String(d.getUTCMonth() + 1).padStart(2, '0');
  if (style === 'day') return String(d.getUTCDate()).padStart(2, '0');
  const dateStyle: DateStyle = (DATE_STYLES as readonly string[]).includes(style) ? (style as DateStyle) : 'medium';
  const locale = localeOf(options);
  return cached(
    `d|${locale}|${dateStyle}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }),
  ).format(d);
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
