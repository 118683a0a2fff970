import { LOCALE_PACKS } from '#templates/locales/index';
import { DomainError } from '#core/errors';

// Templates keep any Intl locale (`et-EE`, `en-GB`) for number and date formats; their words come
// from the pack of the locale's language, English when there is none.

export const FALLBACK_LANGUAGE = 'en';

/** The languages with a pack, the fallback last: `et, en`. */
export const LANGUAGES: readonly string[] = [
  ...Object.keys(LOCALE_PACKS)
    .filter((l) => l !== FALLBACK_LANGUAGE)
    .sort(),
  FALLBACK_LANGUAGE,
];

/** Why `locale` cannot choose a built-in's words, or undefined when a pack speaks its language. */
export function noPack(locale: string): string | undefined {
  return packLanguage(locale) ? undefined : `"${locale}" has no locale pack; available: ${LANGUAGES.join(', ')}`;
}

/** `et-EE` → `et`; undefined when no pack speaks that language. */
export function packLanguage(locale: string | undefined): string | undefined {
  const language = (locale ?? '').split(/[-_]/)[0].toLowerCase();
  return Object.hasOwn(LOCALE_PACKS, language) ? language : undefined;
}

/** The text of `key` in the locale's language (English when the language has no pack). */
export function localeText(locale: string | undefined, key: string): string | undefined {
  const pack = LOCALE_PACKS[packLanguage(locale) ?? FALLBACK_LANGUAGE];
  return Object.hasOwn(pack, key) ? pack[key] : Object.hasOwn(LOCALE_PACKS.en, key) ? LOCALE_PACKS.en[key] : undefined;
}

/**
 * Where a built-in is chosen by language (a built-in copied with `locale`, the send's `locale`):
 * a locale whose language has no pack is a 400 at `path`, listing the languages there are.
 */
export function requirePack(locale: string, path: string): string {
  const language = packLanguage(locale);
  if (language) return language;
  throw new DomainError(
    'VALIDATION',
    `There are no built-in texts in locale "${locale}"; available: ${LANGUAGES.join(', ')}.`,
    [{ path, message: noPack(locale)! }],
  );
}
