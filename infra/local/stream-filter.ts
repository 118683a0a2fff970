// The subset of Lambda's event filtering the catalog's stream filters use (infra/catalog.ts
// `streamFilter`), so the local poller hands the handler exactly the records AWS would: a pattern's
// leaf is a list of accepted values, each a literal or `{prefix}`; nested objects match nested fields.

import type { FilterLeaf, FilterPattern } from '#infra/catalog';

export type { FilterPattern } from '#infra/catalog';

function leafMatches(value: unknown, accepted: readonly FilterLeaf[]): boolean {
  return accepted.some((a) =>
    typeof a === 'object' ? typeof value === 'string' && value.startsWith(a.prefix) : value === a,
  );
}

/** Whether `record` passes `pattern`: every field the pattern names must be present and accepted. */
export function matchesFilter(record: unknown, pattern: FilterPattern): boolean {
  if (record === null || typeof record !== 'object') return false;
  return Object.entries(pattern).every(([field, rule]) => {
    const value = (record as Record<string, unknown>)[field];
    return isLeafList(rule) ? leafMatches(value, rule) : matchesFilter(value, rule);
  });
}

const isLeafList = (rule: readonly FilterLeaf[] | FilterPattern): rule is readonly FilterLeaf[] => Array.isArray(rule);
