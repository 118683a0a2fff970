import type { Entity } from '#core/records/entities';
import type { Role } from '#core/tenancy/caller';
import type { ParsedQuery } from '#core/search/query';
import type { TextStatus } from '#core/documents/document';

// The search index is derived data, one per tenant (isolation by construction: a caller's index is
// chosen from their key, never by a filter). Rows are a coarse copy of what the table holds; every
// hit is checked against the table before it is shown (core/search/search.ts).

export const HIT_TYPES = ['document', 'lead', 'contact', 'company', 'deal'] as const;
export type HitType = (typeof HIT_TYPES)[number];

export type { TextStatus } from '#core/documents/document';

/** One chunk of a document version's text, or one record. */
export interface IndexRow {
  /** `<id>#<version>#<chunk>`: the upsert key. */
  rowId: string;
  id: string;
  type: HitType;
  /** The file version (documents); 0 for records. */
  version: number;
  /** The document's current version (records: always). */
  current: boolean;
  /** `page 3`, `sheet Prices`; empty when the document has no parts. */
  part: string;
  /** The document's name and tags, or the record's title: found even when a file has no text. */
  name: string;
  text: string;
  textStatus: TextStatus;
  /** Why extraction failed (`textStatus: failed`). */
  textError: string;
  /** Coarse pre-filters; the table has the last word. */
  tags: string[];
  contentType: string;
  links: string[];
  restricted: boolean;
  ownerId: string;
  /** Users and roles (`role:member`) the document's ACL names. */
  readers: string[];
  updatedAt: string;
}

export interface IndexFilters {
  types: readonly HitType[];
  recordId?: string;
  from?: string;
  to?: string;
  tags?: string[];
  contentType?: string;
  allVersions: boolean;
  /** Who reads: restricted rows naming none of these are skipped. Absent: an admin, who reads all. */
  reader?: { userId: string; roles: Role[] };
}

export interface IndexHit {
  id: string;
  type: HitType;
  version: number;
  part: string;
  text: string;
  name: string;
  textStatus: TextStatus;
  score: number;
}

export interface SearchIndex {
  /** Ranked chunks (several may be of one document); `query` absent: filters only, newest first. */
  search(tenantId: string, query: ParsedQuery | undefined, filters: IndexFilters, limit: number): Promise<IndexHit[]>;
  /** The rows stored for these ids, all versions: what an update carries over without extracting again. */
  rowsOf(tenantId: string, ids: string[]): Promise<IndexRow[]>;
  /**
   * One write: `rows` replace whatever is stored for their ids; ids in `touched` with no row in
   * `rows` are removed (a deleted document or record).
   */
  replace(tenantId: string, touched: string[], rows: IndexRow[]): Promise<void>;
  /** Every document and record id the tenant's index holds, once each: what the rebuild's sweep checks. */
  ids(tenantId: string): Promise<Array<{ id: string; type: HitType }>>;
  /** Compaction and index merge: appended rows are searched unindexed until then. */
  optimise(tenantId: string): Promise<void>;
  drop(tenantId: string): Promise<void>;
}

export type { Entity };
