import { SORT_PREFIX } from '#store/dynamo/keys';
import { indexSortAttr, type SortField } from '#store/dynamo/table-schema';

/**
 * The sort-key condition of a list on a created/updated index: a time range (inclusive ISO
 * instants, either end open), or every item of that sort field.
 */
export function sortRange(q: { sort: SortField; from?: string; to?: string }): {
  cond: string;
  values: Record<string, string>;
} {
  const attr = indexSortAttr(q.sort);
  const prefix = SORT_PREFIX[q.sort];
  // A range even for "every item": DynamoDB Local reads a whole partition for begins_with (key-prefix.ts).
  return {
    cond: `${attr} BETWEEN :lo AND :hi`,
    values: { ':lo': `${prefix}${q.from ?? ''}`, ':hi': `${prefix}${q.to ?? '9999'}~` },
  };
}
