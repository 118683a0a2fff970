import type * as Lance from '@lancedb/lancedb';
import type { IndexHit, IndexRow, SearchIndex, TextStatus } from '#core/search/ports';
import { prefixesOf } from '#core/search/prefixes';
import { connection, forgetConnection, lancedb, openTable, TABLE } from '#store/search/lance-connection';
import { fullTextQuery, listColumn, literal, whereClause } from '#store/search/lance-query';
import { withTenantLease } from '#store/search/tenant-lease';

// The search index on LanceDB: BM25 full-text indexes over a tenant's chunks, on S3.
// Stop words and stemming are off: Estonian company forms (AS, OÜ, MTÜ) are words that matter, and
// the default English stop list made `"Karu AS"` match "Karu on loom" (measured on 0.31.0).

type Stored = {
  row_id: string;
  id: string;
  type: string;
  version: number;
  current: boolean;
  part: string;
  name: string;
  text: string;
  exact: string;
  prefixes: string;
  text_status: string;
  text_error: string;
  tags: string;
  content_type: string;
  links: string;
  restricted: boolean;
  owner_id: string;
  readers: string;
  updated_at: string;
};

const toStored = (r: IndexRow): Stored => ({
  row_id: r.rowId,
  id: r.id,
  type: r.type,
  version: r.version,
  current: r.current,
  part: r.part,
  name: r.name,
  text: r.text,
  exact: `${r.name}\n${r.text}`,
  prefixes: prefixesOf(`${r.name}\n${r.text}`),
  text_status: r.textStatus,
  text_error: r.textError,
  tags: listColumn(r.tags),
  content_type: r.contentType,
  links: listColumn(r.links),
  restricted: r.restricted,
  owner_id: r.ownerId,
  readers: listColumn(r.readers),
  updated_at: r.updatedAt,
});

const members = (s: string): string[] => s.split('|').filter(Boolean);

const fromStored = (s: Stored): IndexRow => ({
  rowId: s.row_id,
  id: s.id,
  type: s.type as IndexRow['type'],
  version: Number(s.version),
  current: Boolean(s.current),
  part: s.part,
  name: s.name,
  text: s.text,
  textStatus: s.text_status as TextStatus,
  textError: s.text_error,
  tags: members(s.tags),
  contentType: s.content_type,
  links: members(s.links),
  restricted: Boolean(s.restricted),
  ownerId: s.owner_id,
  readers: members(s.readers),
  updatedAt: s.updated_at,
});

const idsIn = (ids: string[]) => `id IN (${ids.map(literal).join(', ')})`;

async function createIndexes(l: typeof Lance, table: Lance.Table): Promise<void> {
  const fts = (asciiFolding: boolean, withPosition: boolean) => ({
    config: l.Index.fts({ asciiFolding, lowercase: true, removeStopWords: false, stem: false, withPosition }),
    replace: true,
  });
  await table.createIndex('text', fts(true, true));
  await table.createIndex('name', fts(true, true));
  await table.createIndex('exact', fts(false, false));
  await table.createIndex('prefixes', fts(true, false));
}

/** The first write of a tenant creates its table; a concurrent first writer's table is then used. */
async function create(tenantId: string, rows: Stored[]): Promise<boolean> {
  const l = await lancedb();
  const db = await connection(tenantId);
  try {
    const table = await db.createTable(TABLE, rows, { mode: 'create' });
    await createIndexes(l, table);
    return true;
  } catch (e) {
    if (/already exists/i.test(String(e))) return false;
    throw e;
  }
}

async function write(tenantId: string, touched: string[], stored: Stored[]): Promise<void> {
  const table = await openTable(tenantId);
  if (!table) {
    if (stored.length && !(await create(tenantId, stored))) await write(tenantId, touched, stored);
    return;
  }
  if (!stored.length) return void (await table.delete(idsIn(touched)));
  // One commit: new and changed rows in, the touched ids' other rows out.
  await table
    .mergeInsert('row_id')
    .whenMatchedUpdateAll()
    .whenNotMatchedInsertAll()
    .whenNotMatchedBySourceDelete({ where: idsIn(touched) })
    .execute(stored);
}

const HIT_COLUMNS = ['id', 'type', 'version', 'part', 'text', 'name', 'text_status', '_score'];

async function searchOnce(
  tenantId: string,
  query: Parameters<SearchIndex['search']>[1],
  filters: Parameters<SearchIndex['search']>[2],
  limit: number,
): Promise<IndexHit[]> {
  const table = await openTable(tenantId);
  if (!table) return [];
  const l = await lancedb();
  const base = query ? table.query().fullTextSearch(fullTextQuery(l, query)) : table.query();
  const columns = query ? HIT_COLUMNS : [...HIT_COLUMNS.filter((c) => c !== '_score'), 'updated_at'];
  const where = whereClause(filters);
  const rows = (await (where ? base.where(where) : base).select(columns).limit(limit).toArray()) as Array<
    Stored & { _score?: number }
  >;
  if (!query) rows.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  return rows.map((r): IndexHit => ({
    id: r.id,
    type: r.type as IndexHit['type'],
    version: Number(r.version),
    part: r.part,
    text: r.text,
    name: r.name,
    textStatus: r.text_status as TextStatus,
    score: r._score ?? 0,
  }));
}

/**
 * A read that met a commit half-way (a manifest not yet in place or still being written: s3rver
 * writes objects in place, not atomically as S3 does) is read again, from the then latest version.
 * So is one whose table was dropped since this process opened it (a reindex, an erasure, in another
 * function): the table is opened anew, or found gone.
 */
async function readAgain<T>(tenantId: string, read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (e) {
      if (attempt >= 3 || !/LanceError\(IO\)|not found/i.test(String(e))) throw e;
      forgetConnection(tenantId);
      await new Promise((r) => setTimeout(r, 25 * attempt));
    }
  }
}

export const lanceSearchIndex: SearchIndex = {
  search: (tenantId, query, filters, limit) => readAgain(tenantId, () => searchOnce(tenantId, query, filters, limit)),

  async rowsOf(tenantId, ids) {
    if (!ids.length) return [];
    const rows = (await readAgain(tenantId, async () => {
      const table = await openTable(tenantId);
      return table ? table.query().where(idsIn(ids)).limit(1_000_000).toArray() : [];
    })) as Stored[];
    return rows.map(fromStored);
  },

  async ids(tenantId) {
    const rows = (await readAgain(tenantId, async () => {
      const table = await openTable(tenantId);
      return table ? table.query().select(['id', 'type']).limit(100_000_000).toArray() : [];
    })) as Array<Pick<Stored, 'id' | 'type'>>;
    return [...new Map(rows.map((r) => [r.id, { id: r.id, type: r.type as IndexRow['type'] }])).values()];
  },

  async replace(tenantId, touched, rows) {
    if (touched.length) await withTenantLease(tenantId, () => write(tenantId, touched, rows.map(toStored)));
  },

  async optimise(tenantId) {
    const table = await openTable(tenantId);
    // Compaction, the new rows merged into the full-text indexes (a phrase finds only indexed rows),
    // versions older than a minute removed (a query still reading one has long finished).
    if (table)
      await withTenantLease(tenantId, () => table.optimize({ cleanupOlderThan: new Date(Date.now() - 60_000) }));
  },

  async drop(tenantId) {
    const db = await connection(tenantId);
    forgetConnection(tenantId);
    await db.dropTable(TABLE).catch((e: unknown) => {
      if (!/not found|does not exist/i.test(String(e))) throw e;
    });
  },
};
