import type { Document, RecordLink } from '#core/documents/document';
import { newId } from '#core/ids';
import type { Actor, Change, TimelineEntry } from '#core/records/record';
import { documentPk, recordPk } from '#store/dynamo/keys';
import { timelineItem } from '#store/documents/items';
import type { TransactItem } from '#store/dynamo/transact';

// A document's changes go to its own timeline and to the timeline of every record it is linked to,
// in the same item shape records use (TL#<ulid>, `entry`). Record timelines are read by everyone
// in the tenant, so a restricted document shows there by id only: its name could say too much.

export type RecordEventType = 'document_added' | 'document_version_added' | 'document_updated' | 'document_removed';

const entry = (type: string, actor: Actor, at: string, changes: Change[]): TimelineEntry => ({
  id: newId('evt'),
  at,
  actor,
  type,
  changes,
});

const put = (TableName: string, Item: Record<string, unknown>): TransactItem => ({ Put: { TableName, Item } });

export function documentEntry(
  TableName: string,
  doc: Pick<Document, 'tenantId' | 'id'>,
  type: string,
  actor: Actor,
  at: string,
  changes: Change[],
): TransactItem {
  return put(TableName, timelineItem(documentPk(doc.tenantId, doc.id), entry(type, actor, at, changes)));
}

/** The entry each linked record gets: which document, and what happened to it. */
export function recordEntries(
  TableName: string,
  doc: Document,
  links: RecordLink[],
  type: RecordEventType,
  actor: Actor,
  at: string,
): TransactItem[] {
  const shown =
    doc.visibility === 'tenant' ? { id: doc.id, name: doc.name, currentVersion: doc.currentVersion } : { id: doc.id };
  const change: Change =
    type === 'document_removed'
      ? { field: 'document', from: shown, to: null }
      : { field: 'document', from: null, to: shown };
  return links.map((l) =>
    put(TableName, timelineItem(recordPk(doc.tenantId, l.entity, l.id), entry(type, actor, at, [change]))),
  );
}
