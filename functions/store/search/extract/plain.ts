import { Parser } from 'htmlparser2';
import { type ExtractLimits, TextBudget } from '#core/search/limits';
import type { TextPart } from '#core/search/chunks';

// Plain text, Markdown and CSV as they are; HTML as its visible text (no scripts, styles, templates).

/** UTF-8 when it is valid (a BOM dropped), else Windows-1252, what older Estonian files use. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function plainText(bytes: Uint8Array, limits: ExtractLimits): TextPart[] {
  if (bytes.length > limits.textBytes)
    new TextBudget(limits.textBytes).take(decodeText(bytes.subarray(0, limits.textBytes + 1)));
  return [{ text: decodeText(bytes) }];
}

const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head']);
const BLOCK = /^(p|div|br|li|tr|h[1-6]|td|th|section|article|header|footer|table|ul|ol|blockquote|pre|title)$/;

export function htmlText(html: string, limits: ExtractLimits): TextPart[] {
  const budget = new TextBudget(limits.textBytes);
  let hidden = 0;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        if (BLOCK.test(name)) text += '\n';
      },
      ontext(t) {
        if (!hidden) text += budget.take(t);
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden--;
        if (BLOCK.test(name)) text += '\n';
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return [{ text }];
}
