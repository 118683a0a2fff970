import { ENTITY } from '#core/records/entities';
import type { CrmRecord } from '#core/records/record';
import { nameTokens } from '#core/records/normalize';

/**
 * What a record can be found by. A `term` (a name, whole and each later word, an email, a phone)
 * serves prefix search and exact duplicate lookup alike, so equal terms from different fields are
 * one; a `taxId` only exact lookup. The store decides how each is kept; each is one item written in
 * the record's transaction, so there is one per value and no more.
 */
export interface SearchToken {
  kind: 'term' | 'taxId';
  value: string;
}

/** How a list looks records up: names by prefix, the others exactly. */
export interface SearchLookup {
  kind: 'name-prefix' | 'email' | 'phone' | 'taxId';
  value: string;
}

const valuesOf = (fields: Record<string, unknown>, names: string[]): string[] =>
  names.flatMap((n) => {
    const v = fields[n];
    if (Array.isArray(v)) return v as string[];
    return typeof v === 'string' && v ? [v] : [];
  });

/** The email and phone values of a record, which an exact lookup must match (a name token could collide). */
export const contactValues = (record: Pick<CrmRecord, 'entity' | 'fields'>): string[] => {
  const { emails, phones } = ENTITY[record.entity].search;
  return [...valuesOf(record.fields, emails), ...valuesOf(record.fields, phones)];
};

const tokenKey = (t: SearchToken) => `${t.kind}\u0000${t.value}`;

export function searchTokens(record: Pick<CrmRecord, 'entity' | 'fields'>): SearchToken[] {
  const { names, taxIds } = ENTITY[record.entity].search;
  const f = record.fields as Record<string, string | undefined>;
  const terms = [...names.flatMap((group) => nameTokens(...group.map((n) => f[n]))), ...contactValues(record)];
  const tokens: SearchToken[] = [
    ...terms.map((value) => ({ kind: 'term' as const, value })),
    ...valuesOf(f, taxIds).map((value) => ({ kind: 'taxId' as const, value })),
  ];
  return [...new Map(tokens.map((t) => [tokenKey(t), t])).values()];
}

export function tokenDiff(before: SearchToken[], after: SearchToken[]): { add: SearchToken[]; remove: SearchToken[] } {
  const old = new Set(before.map(tokenKey));
  const now = new Set(after.map(tokenKey));
  return { add: after.filter((t) => !old.has(tokenKey(t))), remove: before.filter((t) => !now.has(tokenKey(t))) };
}
