import * as z from 'zod';
import { TEXT_STATUSES } from '#core/documents/document';
import { Tag } from '#core/documents/document-patch';
import { ENTITIES, ID_PREFIX } from '#core/records/entities';
import { HIT_TYPES } from '#core/search/ports';
import { MAX_QUERY_CHARS } from '#core/search/query';
import { bound, checkRange, MediaTypeFilter, PageQuery, pageOf, Timestamp } from '#http/schemas/common';

const RECORD_ID = new RegExp(`^(${ENTITIES.map((e) => ID_PREFIX[e]).join('|')})_[0-9A-HJKMNP-TV-Z]{26}$`);

/** A comma-separated list (`types=document,lead`), each member checked. */
const listOf = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, 'must name at least one').max(max));

export const SearchQuery = PageQuery.extend({
  q: z
    .string()
    .max(MAX_QUERY_CHARS, `must be at most ${MAX_QUERY_CHARS} characters`)
    .optional()
    .describe(
      'Words to find, all of them (AND), in any case and with or without diacritics; `"a phrase"`, `-excluded`; the last word also matches as the start of a word. Empty only with a filter.',
    ),
  types: listOf(z.enum(HIT_TYPES), HIT_TYPES.length)
    .optional()
    .describe(`Comma-separated: ${HIT_TYPES.join(', ')}. All by default.`),
  recordId: z
    .string()
    .regex(RECORD_ID, 'must be a lead, contact, company or deal id')
    .optional()
    .describe('Documents linked to this record.'),
  from: bound(false).optional().describe('Updated at or after (a date, or a date-time with a zone).'),
  to: bound(true).optional().describe('Updated at or before.'),
  tags: listOf(Tag, 10).optional().describe('Comma-separated: documents with every one of these tags.'),
  contentType: MediaTypeFilter.optional().describe('Documents of this media type.'),
  versions: z
    .enum(['current', 'all'])
    .default('current')
    .describe("`all`: also find documents by their earlier versions' text."),
}).superRefine((q, ctx) => checkRange(q, ctx, 'from', 'to'));
export type SearchQuery = z.output<typeof SearchQuery>;

export const SearchHitOut = z
  .object({
    type: z.enum(HIT_TYPES),
    id: z.string(),
    title: z.string().describe("A document's name, a record's title or name."),
    snippet: z.string().describe('A short excerpt, HTML: matched words in `<mark>`, everything else escaped.'),
    score: z.number().describe('Relevance (BM25): higher is better; comparable within one answer only.'),
    updatedAt: Timestamp,
    version: z.number().int().optional().describe('Documents: the version the match is in.'),
    part: z.string().optional().describe('Documents: where the match is (`page 3`, `sheet Prices`).'),
    textStatus: z
      .enum(TEXT_STATUSES)
      .optional()
      .describe(
        'Documents: whether the text of that version could be read (`none`: a type without text; found by name and tags).',
      ),
    record: z
      .object({ entity: z.enum(ENTITIES), id: z.string() })
      .optional()
      .describe('Documents: the first record it is linked to.'),
  })
  .meta({ id: 'SearchHit' });

export const SearchPage = pageOf(SearchHitOut, 'SearchHitPage');
