import { canSee } from '#core/documents/access';
import type { Document } from '#core/documents/document';
import { DomainError, invalid } from '#core/errors';
import type { PageRequest } from '#core/paging';
import { ENTITIES, ID_PREFIX, type Entity } from '#core/records/entities';
import type { CrmRecord, RecordRef } from '#core/records/record';
import { recordTitle } from '#core/search/record-text';
import { parseQuery, MAX_QUERY_CHARS, MAX_QUERY_WORDS, type ParsedQuery } from '#core/search/query';
import type { HitType, IndexFilters, IndexHit, SearchIndex, TextStatus } from '#core/search/ports';
import { snippet } from '#core/search/snippet';
import { roleAtLeast, ROLES, type TenantCaller } from '#core/tenancy/caller';

// One ranked list across documents and records. The index is a coarse, possibly stale copy; the
// table has the last word: every hit is read back (one consistent BatchGet) and shown only if it
// still exists, the caller may read it, and it still meets the filters. So a delete, a restriction
// or a revoked ACL entry takes effect at the next query; a grant, once the index has it. Answers
// carry no total: counting would need to read every match back.

export interface SearchDeps {
  index: SearchIndex;
  documents: { getDocuments(tenantId: string, ids: string[]): Promise<Document[]> };
  records: { getMany(tenantId: string, refs: RecordRef[]): Promise<CrmRecord[]> };
  /** The list cursors' signing (an offset into the ranked list, bound to the query). */
  cursors: {
    encode(position: { offset: number }, scope: string): string | null;
    decode(cursor: string | undefined, scope: string): { offset?: unknown } | undefined;
  };
}

export interface SearchRequest {
  q?: string;
  types: readonly HitType[];
  recordId?: string;
  from?: string;
  to?: string;
  tags?: string[];
  contentType?: string;
  versions: 'current' | 'all';
}

export interface SearchHit {
  type: HitType;
  id: string;
  title: string;
  snippet: string;
  score: number;
  updatedAt: string;
  /** Documents: the version and page or part the match is in, and whether its text could be read. */
  version?: number;
  part?: string;
  textStatus?: TextStatus;
  /** Documents: the first record it is linked to. */
  record?: { entity: Entity; id: string };
}

/** Index rows read per hit wanted (the issue: 2x): chunks of one document, hits the table then refuses. */
const OVERFETCH = 2;
const MAX_ROWS = 2_000;

function parsed(req: SearchRequest): ParsedQuery | undefined {
  const filtered = req.recordId || req.from || req.to || req.tags?.length || req.contentType;
  const q = req.q?.trim() ?? '';
  if (!q && filtered) return undefined;
  const result = parseQuery(q);
  if (typeof result !== 'string') return result;
  const message = {
    empty: q ? 'must contain a letter or a digit' : 'must not be empty without a filter',
    'too-long': `must be at most ${MAX_QUERY_CHARS} characters`,
    'too-many-words': `must have at most ${MAX_QUERY_WORDS} words`,
  }[result];
  return invalid('The query cannot be searched.', [{ path: 'q', message }]);
}

const entityOf = (id: string): Entity | undefined => ENTITIES.find((e) => id.startsWith(`${ID_PREFIX[e]}_`));

function documentMeets(doc: Document, req: SearchRequest, hit: IndexHit): boolean {
  if (req.versions === 'current' && hit.version !== doc.currentVersion) return false;
  if (req.recordId && !doc.links.some((l) => l.id === req.recordId)) return false;
  if (req.from && doc.updatedAt < req.from) return false;
  if (req.to && doc.updatedAt > req.to) return false;
  const tags = new Set(doc.tags.map((t) => t.toLowerCase()));
  if (req.tags?.some((t) => !tags.has(t.toLowerCase()))) return false;
  if (req.contentType && doc.contentType.split(';')[0]!.trim() !== req.contentType) return false;
  return true;
}

function recordMeets(record: CrmRecord, req: SearchRequest): boolean {
  if (req.from && record.updatedAt < req.from) return false;
  if (req.to && record.updatedAt > req.to) return false;
  return !record.deletingAt;
}

const excerpt = (hit: IndexHit, q: ParsedQuery | undefined): string => {
  const text = hit.text || hit.name;
  return q ? snippet(text, q.marks, q.prefix) : snippet(text, []);
};

export async function search(
  deps: SearchDeps,
  caller: TenantCaller,
  req: SearchRequest,
  page: PageRequest,
): Promise<{ items: SearchHit[]; nextCursor: string | null }> {
  const query = parsed(req);
  const position = deps.cursors.decode(page.cursor, page.scope);
  const offset = Number(position?.offset ?? 0);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new DomainError('BAD_CURSOR', 'The cursor is not valid for this query.', [
      { path: 'cursor', message: 'Invalid cursor.' },
    ]);
  if (req.recordId) {
    const entity = entityOf(req.recordId)!;
    const [found] = await deps.records.getMany(caller.tenantId, [{ entity, id: req.recordId }]);
    if (!found) invalid('No such record.', [{ path: 'recordId', message: `No ${entity} with id ${req.recordId}.` }]);
  }
  const admin = roleAtLeast(caller.role, 'admin');
  const filters: IndexFilters = {
    types: req.types,
    recordId: req.recordId,
    from: req.from,
    to: req.to,
    tags: req.tags,
    contentType: req.contentType,
    allVersions: req.versions === 'all',
    reader: admin ? undefined : { userId: caller.userId, roles: ROLES.filter((r) => roleAtLeast(caller.role, r)) },
  };
  const wanted = offset + page.limit + 1;
  const rows = Math.min(MAX_ROWS, wanted * OVERFETCH);
  const found = await deps.index.search(caller.tenantId, query, filters, rows);
  // Best chunk per document (or record), in rank order.
  const best = new Map<string, IndexHit>();
  for (const hit of found) if (!best.has(hit.id)) best.set(hit.id, hit);
  const hits = [...best.values()];
  const docIds = hits.filter((h) => h.type === 'document').map((h) => h.id);
  const refs = hits.flatMap((h) => (h.type === 'document' ? [] : [{ entity: h.type as Entity, id: h.id }]));
  const [docs, records] = await Promise.all([
    docIds.length ? deps.documents.getDocuments(caller.tenantId, docIds) : [],
    refs.length ? deps.records.getMany(caller.tenantId, refs) : [],
  ]);
  const docById = new Map(docs.map((d) => [d.id, d]));
  const recordById = new Map(records.map((r) => [r.id, r]));
  const shown: SearchHit[] = [];
  for (const hit of hits) {
    const score = Math.round(hit.score * 1000) / 1000;
    if (hit.type === 'document') {
      const doc = docById.get(hit.id);
      if (!doc || !canSee(caller, doc) || !documentMeets(doc, req, hit)) continue;
      const link = doc.links[0];
      shown.push({
        type: 'document',
        id: doc.id,
        title: doc.name,
        snippet: excerpt(hit, query),
        score,
        updatedAt: doc.updatedAt,
        version: hit.version,
        ...(hit.part ? { part: hit.part } : {}),
        textStatus: hit.textStatus,
        ...(link ? { record: { entity: link.entity, id: link.id } } : {}),
      });
    } else {
      const record = recordById.get(hit.id);
      if (!record || !recordMeets(record, req)) continue;
      shown.push({
        type: hit.type,
        id: record.id,
        title: recordTitle(record),
        snippet: excerpt(hit, query),
        score,
        updatedAt: record.updatedAt,
      });
    }
  }
  const items = shown.slice(offset, offset + page.limit);
  const more = shown.length > offset + page.limit || (found.length === rows && rows < MAX_ROWS);
  return { items, nextCursor: more ? deps.cursors.encode({ offset: offset + page.limit }, page.scope) : null };
}
