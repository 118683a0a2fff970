import * as z from 'zod';
import { checkFreeText, SPELLING_LANGUAGES } from '#core/templates/spelling';
import { ok, route } from '#http/route';

// Spelling for text a tenant writes outside a template (an email message, a contract body), with
// the dictionaries and accepted words a template save uses. Served by templates-api: its bundle
// carries the dictionaries.

const SpellcheckIn = z
  .strictObject({
    text: z.string().min(1).max(20_000).describe('Plain text, up to 20,000 characters.'),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/, { error: 'must be a language tag such as et-EE or en-GB' })
      .max(35)
      .describe(
        `A BCP 47 tag; its own dictionary first (en-GB), else its language's (en-AU → en). Dictionaries: ${SPELLING_LANGUAGES.join(', ')}. Any other answers a \`no-dictionary\` notice.`,
      ),
  })
  .meta({ id: 'SpellcheckRequest' });

const SpellingWarning = z
  .object({
    kind: z.enum(['spelling', 'no-dictionary']),
    line: z.number().int().min(1),
    column: z.number().int().min(1),
    message: z.string(),
    text: z.string().describe('The word, or the locale that has no dictionary.'),
    suggestions: z
      .array(z.string())
      .optional()
      .describe('For the first few words only: suggestions take far longer than checks.'),
  })
  .meta({ id: 'SpellingWarning' });

const SpellcheckOut = z
  .object({
    locale: z.string(),
    dictionary: z.string().nullable().describe('The dictionary the text was checked with; null when none.'),
    warnings: z.array(SpellingWarning),
  })
  .meta({ id: 'Spellcheck' });

export const spellcheckRoutes = [
  route({
    method: 'POST',
    path: '/v1/spellcheck',
    operationId: 'spellcheck',
    summary: 'Check the spelling of free text in a locale (en-US, en-GB, et); a locale without a dictionary says so',
    tag: 'Templates',
    auth: 'tenant',
    body: SpellcheckIn,
    example: { text: 'Arve on kehtv 14 päeva.', locale: 'et-EE' },
    success: { status: 200, schema: SpellcheckOut, description: 'Possible misspellings, or the notice' },
    handler: async ({ body }, { caller }) =>
      ok({
        locale: body.locale,
        ...(await checkFreeText(body.text, body.locale, caller.tenant.acceptedWords ?? [])),
      }),
  }),
];
