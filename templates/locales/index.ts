import en from './en.json' with { type: 'json' };
import et from './et.json' with { type: 'json' };

/**
 * The locale packs by language (ISO 639-1). A pack is flat JSON: dotted keys by area
 * (`invoice.dueDate`, `email.invoice.subject`) to plain text, `{name}` marking a value the template
 * passes (`{{t "email.invoice.subject" number=document.number}}`). A new language is its JSON file
 * plus its line here (esbuild bundles only what is imported, so the folder cannot be read at run
 * time); test/unit/core/templates/locales.test.ts fails when a file in this folder is not listed or
 * a pack lacks a key another has.
 */
export const LOCALE_PACKS: Record<string, Readonly<Record<string, string>>> = { en, et };
