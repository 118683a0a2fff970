import Handlebars from 'handlebars';
import { CONTROL_CHARACTER } from '#core/control-characters';
import { sanitiseFileName } from '#core/documents/file-name';
import { RenderBudget } from '#core/templates/budget';
import { renderPart, unescapeHtml } from '#core/templates/engine';
import { localeText } from '#core/templates/locales';
import type { BuiltinName } from '#core/templates/template';

// A template's `fileName` is what the customer sees: the stored document's name, the download's
// Content-Disposition and the email attachment's name. It is Handlebars over the document's data
// (`Arve {{document.number}}.pdf`), rendered after the number is known.

export const MAX_FILE_NAME_PATTERN = 200;

/**
 * Why a pattern cannot name a file, or undefined. A separator outside `{{ }}` would make a path;
 * inside, `/` is Handlebars' own (`{{/if}}`), and what a value brings is sanitised after rendering.
 */
export function fileNamePatternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_FILE_NAME_PATTERN) return `must be at most ${MAX_FILE_NAME_PATTERN} characters`;
  if (CONTROL_CHARACTER.test(pattern)) return 'must not contain control characters (U+0000–U+001F, U+007F–U+009F)';
  if (/[/\\]/.test(pattern.replace(/\{\{[^}]*\}\}/g, ''))) return 'must not contain / or \\ (a file name, not a path)';
  if (pattern.trim() === '') return 'must not be empty';
  try {
    Handlebars.parse(pattern);
  } catch (e) {
    return `is not valid Handlebars: ${(e as Error).message.split('\n')[0]}`;
  }
  return undefined;
}

/**
 * A built-in's pattern in its locale's language: `Arve {{document.number}}.pdf`. The invoice's names
 * a credit note as one (`Kreeditarve …`, `Credit note …`), as its title and its e-invoice do.
 */
export function builtinFileName(kind: BuiltinName, locale: string): string {
  const word = localeText(locale, `${kind}.fileName`) ?? kind;
  const credit = kind === 'invoice' ? localeText(locale, 'invoice.creditFileName') : undefined;
  const name = credit ? `{{#if (or document.creditNote (lt totals.gross 0))}}${credit}{{else}}${word}{{/if}}` : word;
  return `${name} {{document.number}}.pdf`;
}

export interface FileNameSources {
  /** The generation request's `name`: it wins over the template's pattern. */
  requested?: string;
  /** The template's pattern; templates without one are named `<name> <number>`. */
  pattern?: string | null;
  templateName: string;
  data: Record<string, any>;
  format: 'pdf' | 'html';
  locale: string;
}

const EXTENSION = /\.(pdf|html?)$/i;

/** `x.pdf` stays `x.pdf` (never `x.pdf.pdf`); `x` becomes `x.pdf`; `Letter .pdf` (no number) `Letter.pdf`. */
export function withExtension(name: string, format: 'pdf' | 'html'): string {
  const stem = name.replace(EXTENSION, '').replace(/\s+/g, ' ').trim();
  return `${stem || 'document'}.${format}`;
}

/**
 * The document's file name and its title (the name without extension: the PDF's Title). A draft
 * prints the locale's word for draft where the number goes. A pattern whose result is no file name
 * (empty, or over 255 bytes) falls back to `<name> <number>`: the document is never lost to its name.
 */
export function documentFileName(s: FileNameSources): { fileName: string; title: string } {
  const number: string = s.data.document?.draft
    ? (localeText(s.locale, 'common.draft') ?? 'DRAFT')
    : (s.data.document?.number ?? '');
  const fallback = `${s.requested ?? s.templateName} ${number}`;
  let name = s.requested !== undefined ? `${s.requested.replace(EXTENSION, '')} ${number}` : fallback;
  if (s.requested === undefined && s.pattern) {
    const data = { ...s.data, document: { ...s.data.document, number } };
    const budget = new RenderBudget({ maxBytes: 4096, timeMs: 200 });
    // Separators a value brings become dashes (`2026/0001`), not a path the sanitiser would cut.
    name = unescapeHtml(renderPart(undefined, s.pattern, data, { locale: s.locale }, budget)).replace(/[/\\]/g, '-');
  }
  let kept = sanitiseFileName(withExtension(name, s.format));
  if (!kept.ok) kept = sanitiseFileName(withExtension(fallback, s.format));
  const fileName = kept.ok ? kept.name : `document.${s.format}`;
  return { fileName, title: fileName.replace(EXTENSION, '') };
}
