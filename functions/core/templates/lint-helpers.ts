import type { FieldError } from '#core/errors';
import { HELPER_SIGNATURES, KNOWN_HELPERS, type HelperSignature } from '#core/templates/helper-signatures';
import type { SourcePart } from '#core/templates/template';

// Save errors for what can only fail at render, found in the parsed template: a helper that does
// not exist, a helper called with the wrong number of arguments or as the wrong kind of tag, a
// partial (there are none), and a `{{t "key"}}` whose key no locale pack has. A bare `{{name}}`
// is a variable (lint-variables.ts warns when the data has none); a tag with arguments, a block
// with arguments, and `(sub expressions)` are helper calls.

type Node = hbs.AST.Node & Record<string, any>;

export interface HelperLintOptions {
  /** Whether a locale pack has `key` for this template's locale (locales.ts); without it, `t` keys are not checked. */
  hasText?: (key: string) => boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
function arity(s: HelperSignature): string {
  if (s.min === s.max) return plural(s.min, 'argument');
  if (s.max === Infinity) return `at least ${plural(s.min, 'argument')}`;
  return `${s.min} to ${s.max} arguments`;
}

/** Closest known names first (edit distance ≤ 2), for "did you mean". */
export function closest(name: string, known: readonly string[], max = 3): string[] {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const next = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = next;
      }
    }
    return row[b.length];
  };
  // Two neighbours swapped (`eahc`) is one slip, not two.
  const swapped = (a: string, b: string) =>
    a.length === b.length &&
    [...a].some((_, i) => i < a.length - 1 && a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2) === b);
  return known
    .map((k) => {
      const [a, b] = [name.toLowerCase(), k.toLowerCase()];
      return { k, d: swapped(a, b) ? 1 : distance(a, b) };
    })
    .filter(({ d }) => d <= Math.max(1, Math.min(2, Math.floor(name.length / 3))))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map(({ k }) => k);
}

export function lintHelpers(ast: hbs.AST.Program, part: SourcePart, options: HelperLintOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const report = (node: Node, message: string) =>
    errors.push({
      path: part,
      part,
      line: node.loc?.start.line ?? 1,
      column: (node.loc?.start.column ?? 0) + 1,
      message,
    });

  const nameOf = (node: Node): string | undefined =>
    node.path?.type === 'PathExpression' ? node.path.original : undefined;

  const call = (node: Node, kind: 'block' | 'inline' | 'sub') => {
    const name = nameOf(node);
    if (name === undefined) return; // a literal in the name position: Handlebars reports it
    const params: Node[] = node.params ?? [];
    const pairs: Node[] = node.hash?.pairs ?? [];
    const isCall = kind === 'sub' || params.length > 0 || pairs.length > 0;
    const signature = Object.hasOwn(HELPER_SIGNATURES, name) ? HELPER_SIGNATURES[name] : undefined;
    const tag = kind === 'block' ? `{{#${name}}}` : kind === 'sub' ? `(${name} …)` : `{{${name} …}}`;
    if (!signature) {
      // `{{#lineItems}}…{{/lineItems}}` with nothing else is a section over a value, not a call.
      if (!isCall) return;
      const near = closest(name, KNOWN_HELPERS);
      report(
        node,
        `\`${tag}\` calls "${name}", which is not a helper${near.length ? `: did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '.'} Helpers: ${KNOWN_HELPERS.join(', ')}.`,
      );
      return;
    }
    if (signature.use === 'block' && kind !== 'block') {
      report(node, `"${name}" works only as a block: ${signature.usage}.`);
      return;
    }
    if (signature.use === 'inline' && kind === 'block') {
      report(node, `"${name}" is not a block helper: write ${signature.usage}, without # and a closing tag.`);
      return;
    }
    if (!isCall && signature.min === 0) return;
    // `{{date}}` alone reads a variable called date where the data has one; with no such variable
    // it prints nothing, so a helper name without arguments is still a call missing them.
    if (params.length < signature.min || params.length > signature.max) {
      const has = params.length === 0 ? 'nothing' : plural(params.length, 'argument');
      const what =
        name === 'if' || name === 'unless'
          ? 'a value to test'
          : name === 'each'
            ? 'a list to loop over'
            : name === 'with'
              ? 'an object'
              : arity(signature);
      report(node, `\`${tag}\` needs ${what}, and has ${has}: ${signature.usage}.`);
    }
    if (signature.hash !== 'any')
      for (const pair of pairs) {
        if (signature.hash?.includes(pair.key)) continue;
        const allowed = signature.hash?.length ? `; it reads ${signature.hash.map((h) => `${h}=`).join(', ')}` : '';
        report(pair, `"${name}" has no argument ${pair.key}=${allowed}.`);
      }
    if (name === 't' && options.hasText && params[0]) {
      const key = params[0];
      if (key.type === 'StringLiteral' && !options.hasText(key.value))
        report(key, `The locale packs have no text "${key.value}" (templates/locales/).`);
    }
  };

  const visitExpression = (node: Node | undefined) => {
    if (!node) return;
    if (node.type === 'SubExpression') {
      call(node, 'sub');
      args(node);
    }
  };
  const args = (node: Node) => {
    for (const p of node.params ?? []) visitExpression(p);
    for (const pair of node.hash?.pairs ?? []) visitExpression(pair.value);
  };
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        node.body.forEach(visit);
        return;
      case 'MustacheStatement':
        call(node, 'inline');
        args(node);
        return;
      case 'BlockStatement':
        call(node, 'block');
        args(node);
        visit(node.program);
        visit(node.inverse);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        report(node, 'Templates have no partials or decorators: write the markup where it is needed.');
        return;
      default:
    }
  };
  visit(ast as Node);
  return errors;
}
