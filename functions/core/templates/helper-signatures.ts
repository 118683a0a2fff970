// How each helper is called, so a save refuses what would only fail (or print nothing) at render:
// an unknown helper, `{{#if}}` with nothing to test, `{{#each}}` without a list, `{{money}}` as a
// block. test/unit/core/templates/template-checks.test.ts fails when a helper in helpers.ts has no
// line here.

export interface HelperSignature {
  /** Positional arguments: at least, at most. */
  min: number;
  max: number;
  /** `block`: only as `{{#name …}}…{{/name}}`; `inline`: never as a block. */
  use: 'block' | 'inline' | 'either';
  /** The `name=value` arguments it reads; `any` for helpers that pass them on (`t`). */
  hash?: readonly string[] | 'any';
  /** How to call it, for the error message. */
  usage: string;
}

const inline = (min: number, max: number, usage: string, hash?: HelperSignature['hash']): HelperSignature => ({
  min,
  max,
  use: 'inline',
  usage,
  ...(hash ? { hash } : {}),
});
const block = (usage: string, hash?: readonly string[]): HelperSignature => ({
  min: 1,
  max: 1,
  use: 'block',
  usage,
  ...(hash ? { hash } : {}),
});
const compare = (name: string) => inline(2, 2, `{{#if (${name} a b)}}`);
const math = (name: string) => inline(2, 2, `{{${name} a b}}`);

export const HELPER_SIGNATURES: Record<string, HelperSignature> = {
  // Handlebars' own.
  if: block('{{#if value}}…{{else}}…{{/if}}', ['includeZero']),
  unless: block('{{#unless value}}…{{/unless}}', ['includeZero']),
  each: block('{{#each list}}…{{/each}}'),
  with: block('{{#with object}}…{{/with}}'),
  lookup: inline(2, 2, '{{lookup object key}}'),
  log: { min: 1, max: Infinity, use: 'inline', usage: '{{log value}}', hash: ['level'] },
  // helpers.ts
  money: inline(1, 2, '{{money amount}} or {{money amount "EUR"}}'),
  number: inline(1, 2, '{{number value}} or {{number value 2}}'),
  percent: inline(1, 1, '{{percent rate}}'),
  date: inline(1, 2, '{{date value}}, {{date value "long"}} or {{date value style="numeric"}}', ['style', 'timeZone']),
  add: math('add'),
  subtract: math('subtract'),
  multiply: math('multiply'),
  divide: math('divide'),
  round: inline(1, 2, '{{round value}} or {{round value 2}}'),
  sum: inline(1, 2, '{{sum lineItems "net"}}'),
  eq: compare('eq'),
  ne: compare('ne'),
  lt: compare('lt'),
  lte: compare('lte'),
  gt: compare('gt'),
  gte: compare('gte'),
  and: { min: 2, max: Infinity, use: 'inline', usage: '{{#if (and a b)}}' },
  or: { min: 2, max: Infinity, use: 'inline', usage: '{{#if (or a b)}}' },
  not: inline(1, 1, '{{#if (not a)}}'),
  default: { min: 1, max: Infinity, use: 'inline', usage: '{{default value "fallback"}}' },
  upper: inline(1, 1, '{{upper text}}'),
  lower: inline(1, 1, '{{lower text}}'),
  // Issue 21: locale packs, IBAN groups, Markdown-lite, and text in another language.
  t: inline(1, 1, '{{t "invoice.dueDate"}} or {{t "email.invoice.subject" number=document.number}}', 'any'),
  iban: inline(1, 1, '{{iban tenant.bank.iban}}'),
  markdown: inline(1, 1, '{{markdown document.text}}'),
  lang: block('{{#lang "en"}}…{{/lang}}'),
};

export const KNOWN_HELPERS = Object.keys(HELPER_SIGNATURES).sort();
