import type { Document, DocumentVersion } from '#core/documents/document';
import type { Relation } from '#core/documents/ports';
import type { UsageDelta } from '#core/quota/usage';
import { allPages } from '#store/dynamo/all-pages';
import { tableName } from '#store/dynamo/client';
import {
  documentPk,
  META,
  OUTBOX_PREFIX,
  RELATION_PREFIX,
  SHARE_LINK_REF_PREFIX,
  VERSION_PREFIX,
} from '#store/dynamo/keys';
import { outboxPuts } from '#store/dynamo/outbox-item';
import { documentTombstone } from '#core/documents/events';
import { usageUpdate } from '#store/quota/usage-store';
import {
  documentKey,
  linkedDocumentKey,
  relationKey,
  relationSides,
  shareLinkKey,
  type Key,
} from '#store/documents/items';
import { recordEntries } from '#store/documents/timeline';
import { transact, type TransactItem } from '#store/dynamo/transact';
import type { Actor } from '#core/actor';

/**
 * Deletes the document and everything hanging off it. The first transaction holds what must go
 * together: the document (on its version), the usage `ADD` taking its bytes out, and every record's
 * copy of it; what else fits rides along (share links first, so no public link outlives the
 * document, then relations, record timeline entries, versions). The rest is deleted right after:
 * it names a document that no longer exists, so nothing reads it meanwhile. Its events stay.
 */
export async function deleteDocument(
  doc: Document,
  _versions: DocumentVersion[],
  delta: UsageDelta,
  actor: Actor,
  twin?: Document,
): Promise<boolean> {
  const TableName = tableName();
  const del = (Key: Key): TransactItem => ({ Delete: { TableName, Key } });
  const docs = twin ? [doc, twin] : [doc];
  const parts = await Promise.all(docs.map(hangingOff));
  // The relation between the two is in both partitions: each key is deleted once, as a
  // transaction may name an item only once.
  const seen = new Set<string>();
  const once = (keys: Key[]) => keys.filter((k) => !seen.has(`${k.pk}\n${k.sk}`) && seen.add(`${k.pk}\n${k.sk}`));
  const at = new Date().toISOString();
  const result = await transact({
    retry: 'document',
    // One tombstone per document gone (the invoice, its e-invoice twin), committed with the delete.
    events: outboxPuts(
      doc.tenantId,
      docs.map((d) => documentTombstone(d, actor, at)),
    ),
    hard: [
      ...docs.map((d) => documentDeleteAtVersion(TableName, d)),
      usageUpdate(doc.tenantId, delta),
      ...docs.flatMap((d) => d.links.map((l) => del(linkedDocumentKey(d.tenantId, l, d.id)))),
    ],
    soft: [
      ...once(parts.flatMap((p) => p.shareLinks)).map(del),
      ...once(parts.flatMap((p) => p.relations)).map(del),
      ...docs.flatMap((d) => recordEntries(TableName, d, d.links, 'document_removed', actor, at)),
      ...once(parts.flatMap((p) => p.versions)).map(del),
      ...once(parts.flatMap((p) => p.rest)).map(del),
    ],
    tooLarge: 'unreachable: a document and its e-invoice link at most 50 records each',
  });
  return result.ok;
}

const documentDeleteAtVersion = (TableName: string, d: Document): TransactItem => ({
  Delete: {
    TableName,
    Key: documentKey(d.tenantId, d.id),
    ConditionExpression: '#d.version = :v',
    ExpressionAttributeNames: { '#d': 'document' },
    ExpressionAttributeValues: { ':v': d.version },
  },
});

/** What hangs off a document in its partition, sorted by what must go first. */
async function hangingOff(doc: Document) {
  const partition = await partitionItems(doc);
  return {
    shareLinks: partition
      .filter((i) => i.sk.startsWith(SHARE_LINK_REF_PREFIX))
      .map((i) => shareLinkKey(doc.tenantId, i.sk.slice(SHARE_LINK_REF_PREFIX.length))),
    relations: partition
      .filter((i) => i.sk.startsWith(RELATION_PREFIX))
      .flatMap((i) => {
        const r = i.relation as Relation;
        return [relationKey(doc.tenantId, r.id), ...relationSides(r).filter((s) => s.pk !== i.pk)];
      }),
    versions: partition.filter((i) => i.sk.startsWith(VERSION_PREFIX)).map(keyOf),
    rest: partition.filter((i) => !i.sk.startsWith(VERSION_PREFIX)).map(keyOf),
  };
}

const keyOf = (i: Key): Key => ({ pk: i.pk, sk: i.sk });

/**
 * Every item in the document's partition but the document itself and its events: few, and about
 * to go. The events (the tombstone among them) outlive the document for their 30 days (TTL).
 */
async function partitionItems(doc: Document): Promise<Array<Key & { relation?: unknown }>> {
  const found: Array<Key & { relation?: unknown }> = [];
  for await (const page of allPages({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': documentPk(doc.tenantId, doc.id) },
    ProjectionExpression: 'pk, sk, #rel',
    ExpressionAttributeNames: { '#rel': 'relation' },
    ConsistentRead: true,
  })) {
    for (const item of page)
      if (item.sk !== META && !String(item.sk).startsWith(OUTBOX_PREFIX))
        found.push(item as Key & { relation?: unknown });
  }
  return found;
}
