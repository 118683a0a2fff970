import type { Document, DocumentVersion, VersionText } from '#core/documents/document';
import type { Entity } from '#core/records/entities';
import type { CrmRecord, RecordRef } from '#core/records/record';
import { chunksOf, type TextPart } from '#core/search/chunks';
import type { IndexRow, SearchIndex, TextStatus } from '#core/search/ports';
import { recordText, recordTitle } from '#core/search/record-text';

// Indexing is idempotent: what changed is read back from the table (never taken from the event,
// which may be older than the item or truncated), and the index is made to match it in ONE write
// per batch. A document's versions already indexed keep their text (re-labelled with the
// document's current name, tags, links and access); only versions not yet indexed are extracted.
// What extraction found is also written back to the version (its `text`), where the API shows it.

export interface ExtractedText {
  status: TextStatus;
  reason?: string;
  parts: TextPart[];
}

export interface IndexingDeps {
  index: SearchIndex;
  documents: {
    getDocuments(tenantId: string, ids: string[]): Promise<Document[]>;
    listVersions(tenantId: string, documentId: string): Promise<DocumentVersion[]>;
    /** Records on the version whether its text could be read; a version deleted meanwhile is left deleted. */
    setVersionText(tenantId: string, documentId: string, version: number, text: VersionText): Promise<void>;
  };
  records: { getMany(tenantId: string, refs: RecordRef[]): Promise<CrmRecord[]> };
  /** A version's text (never throws for the file's own fault: `failed` with the reason). */
  extract(version: DocumentVersion): Promise<ExtractedText>;
}

export interface Changed {
  documents: string[];
  records: RecordRef[];
}

const readersOf = (doc: Document): string[] =>
  doc.acl.map((entry) => ('userId' in entry ? entry.userId : `role:${entry.role}`));

function documentRows(doc: Document, version: number, contentType: string, text: ExtractedText): IndexRow[] {
  const chunks = chunksOf(text.parts);
  const base = {
    id: doc.id,
    type: 'document' as const,
    version,
    current: version === doc.currentVersion,
    name: [doc.name, ...doc.tags].join('\n'),
    textStatus: text.status,
    textError: text.reason ?? '',
    tags: doc.tags.map((t) => t.toLowerCase()),
    contentType: contentType.split(';')[0]!.trim(),
    links: doc.links.map((l) => l.id),
    restricted: doc.visibility === 'restricted',
    ownerId: doc.ownerId,
    readers: readersOf(doc),
    updatedAt: doc.updatedAt,
  };
  // A version without text still has a row: it is found by its name and tags.
  const pieces = chunks.length ? chunks : [{ part: undefined, text: '' }];
  return pieces.map((c, i) => ({ ...base, rowId: `${doc.id}#${version}#${i}`, part: c.part ?? '', text: c.text }));
}

function recordRow(record: CrmRecord): IndexRow {
  const f = record.fields as Record<string, unknown>;
  const linked = [f.companyId, ...(Array.isArray(f.contactIds) ? f.contactIds : [])].filter(
    (v): v is string => typeof v === 'string',
  );
  return {
    rowId: `${record.id}#0#0`,
    id: record.id,
    type: record.entity,
    version: 0,
    current: true,
    part: '',
    name: recordTitle(record),
    text: recordText(record),
    textStatus: 'extracted',
    textError: '',
    tags: [],
    contentType: '',
    links: linked,
    restricted: false,
    ownerId: record.ownerId ?? '',
    readers: [],
    updatedAt: record.updatedAt,
  };
}

interface VersionTextChange {
  documentId: string;
  version: number;
  text: VersionText;
}

const sameText = (a: VersionText | undefined, b: VersionText): boolean =>
  a?.status === b.status && (a.reason ?? '') === (b.reason ?? '');

async function documentRowsNow(
  deps: IndexingDeps,
  tenantId: string,
  doc: Document,
  stored: IndexRow[],
  textChanges: VersionTextChange[],
): Promise<IndexRow[]> {
  const versions = await deps.documents.listVersions(tenantId, doc.id);
  const rows: IndexRow[] = [];
  for (const v of versions) {
    const kept = stored.filter((r) => r.version === v.number);
    const text: ExtractedText = kept.length
      ? {
          status: kept[0]!.textStatus,
          reason: kept[0]!.textError || undefined,
          parts: kept.map((r) => ({ label: r.part || undefined, text: r.text })),
        }
      : await deps.extract(v);
    // Also when kept: a version indexed before versions carried their text status gets one.
    const found: VersionText = text.reason ? { status: text.status, reason: text.reason } : { status: text.status };
    if (!sameText(v.text, found)) textChanges.push({ documentId: doc.id, version: v.number, text: found });
    rows.push(...documentRows(doc, v.number, v.contentType, text));
  }
  return rows;
}

/**
 * Documents worked on side by side: their version lists and objects are reads that can overlap the
 * extraction of another (which runs one file at a time in its worker). Bounded, as each holds a file.
 */
const DOCUMENTS_AT_ONCE = 4;
/** A rebuild's page may set many versions' status: a few writes at a time, not a burst. */
const STATUS_WRITES_AT_ONCE = 8;

async function atMostAtOnce<T, R>(n: number, items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  return results;
}

/** Makes the tenant's index match the table for what changed; returns the rows written. */
export async function indexChanges(deps: IndexingDeps, tenantId: string, changed: Changed): Promise<number> {
  const docIds = [...new Set(changed.documents)];
  const refs = [...new Map(changed.records.map((r) => [r.id, r])).values()];
  const [docs, records, stored] = await Promise.all([
    docIds.length ? deps.documents.getDocuments(tenantId, docIds) : [],
    refs.length ? deps.records.getMany(tenantId, refs) : [],
    deps.index.rowsOf(tenantId, docIds),
  ]);
  const rows: IndexRow[] = records.filter((r) => !r.deletingAt).map(recordRow);
  const textChanges: VersionTextChange[] = [];
  const perDocument = await atMostAtOnce(DOCUMENTS_AT_ONCE, docs, (doc) =>
    documentRowsNow(
      deps,
      tenantId,
      doc,
      stored.filter((r) => r.id === doc.id),
      textChanges,
    ),
  );
  rows.push(...perDocument.flat());
  await deps.index.replace(tenantId, [...docIds, ...refs.map((r) => r.id)], rows);
  // After the index write: a version says `extracted` only once its text is searchable. A failure
  // here retries the batch, which finds the rows kept and writes the status again.
  await atMostAtOnce(STATUS_WRITES_AT_ONCE, textChanges, (c) =>
    deps.documents.setVersionText(tenantId, c.documentId, c.version, c.text),
  );
  return rows.length;
}

export type { Entity };
