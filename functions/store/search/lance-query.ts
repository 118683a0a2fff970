import type * as Lance from '@lancedb/lancedb';
import type { ParsedQuery, Term } from '#core/search/query';
import { prefixTerm } from '#core/search/prefixes';
import { HIT_TYPES, type IndexFilters } from '#core/search/ports';

// A parsed query as LanceDB's query objects, never as a query string: each term is already cut into
// plain words (core/search/query.ts), so nothing a user types is read as engine syntax.
// Columns: `name` (names, tags, titles) and `text` folded (ASCII folding + lowercase), `exact` only
// lowercased (so exact diacritics score higher), `prefixes` the starts of words (core/search/prefixes.ts).

/** How much an exact-diacritics match adds beside the folded one. */
const EXACT_BOOST = 1.5;
const NAME_BOOST = 2;

type L = typeof Lance;

function termIn(l: L, term: Term, column: 'text' | 'name', boost = 1): Lance.FullTextQuery {
  return term.length === 1 ? new l.MatchQuery(term[0]!, column, { boost }) : new l.PhraseQuery(term.join(' '), column);
}

/** The term anywhere a document or record is searched: its text or its name. */
function anywhere(l: L, term: Term, prefix?: string): Lance.FullTextQuery {
  const either: [Lance.Occur, Lance.FullTextQuery][] = [
    [l.Occur.Should, termIn(l, term, 'text')],
    [l.Occur.Should, termIn(l, term, 'name', NAME_BOOST)],
  ];
  const start = prefix !== undefined ? prefixTerm(prefix) : undefined;
  if (start) either.push([l.Occur.Should, new l.MatchQuery(start, 'prefixes')]);
  return new l.BooleanQuery(either);
}

export function fullTextQuery(l: L, q: ParsedQuery): Lance.FullTextQuery {
  const clauses: [Lance.Occur, Lance.FullTextQuery][] = [];
  q.must.forEach((term, i) =>
    clauses.push([l.Occur.Must, anywhere(l, term, i === q.must.length - 1 ? q.prefix : undefined)]),
  );
  for (const term of q.mustNot) {
    clauses.push([l.Occur.MustNot, termIn(l, term, 'text')]);
    clauses.push([l.Occur.MustNot, termIn(l, term, 'name')]);
  }
  for (const word of new Set(q.must.flat()))
    clauses.push([l.Occur.Should, new l.MatchQuery(word, 'exact', { boost: EXACT_BOOST })]);
  return new l.BooleanQuery(clauses);
}

/** A SQL string literal: the only way a caller's value (a tag, a content type) enters a filter. */
export const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Lists are stored as `|a|b|`: one member is the substring `|a|`. */
export const listColumn = (values: string[]): string => (values.length ? `|${values.join('|')}|` : '');
const hasMember = (column: string, value: string) => `strpos(${column}, ${literal(`|${value}|`)}) > 0`;

/** The rows' filter; undefined when it would keep every row (each term costs a pass over its column). */
export function whereClause(f: IndexFilters): string | undefined {
  const parts: string[] = [];
  if (HIT_TYPES.some((t) => !f.types.includes(t))) parts.push(`type IN (${f.types.map(literal).join(', ')})`);
  if (!f.allVersions) parts.push('current = true');
  if (f.recordId) parts.push(hasMember('links', f.recordId));
  if (f.from) parts.push(`updated_at >= ${literal(f.from)}`);
  if (f.to) parts.push(`updated_at < ${literal(f.to)}`);
  for (const tag of f.tags ?? []) parts.push(hasMember('tags', tag.toLowerCase()));
  if (f.contentType) parts.push(`content_type = ${literal(f.contentType)}`);
  if (f.reader) {
    const readers = [f.reader.userId, ...f.reader.roles.map((r) => `role:${r}`)];
    const named = readers.map((r) => hasMember('readers', r)).join(' OR ');
    parts.push(`(restricted = false OR owner_id = ${literal(f.reader.userId)} OR ${named})`);
  }
  return parts.length ? parts.join(' AND ') : undefined;
}
