import type { Approval } from '#core/approvals/approval';
import type { Document } from '#core/documents/document';
import { newId } from '#core/ids';
import type { Actor } from '#core/records/record';
import { documentPk, recordPk } from '#store/dynamo/keys';
import { documentPutAtVersion, linkedDocumentItem, listCopies, timelineItem } from '#store/documents/items';
import type { TransactItem } from '#store/dynamo/transact';
import type { DocumentChange } from '#core/approvals/ports';

// Approval steps appear on the document's timeline and on the timelines of the records the document
// was linked to when the approval started, in the shape every timeline entry has.

export function timelineEntries(
  TableName: string,
  approval: Approval,
  type: string,
  actor: Actor,
  at: string,
  details: Record<string, unknown>,
): TransactItem[] {
  const entry = () => ({
    id: newId('evt'),
    at,
    actor,
    type,
    changes: [{ field: 'approval', from: null, to: details }],
  });
  const pks = [
    documentPk(approval.tenantId, approval.document.id),
    ...approval.links.map((l) => recordPk(approval.tenantId, l.entity, l.id)),
  ];
  return pks.map((pk) => ({ Put: { TableName, Item: timelineItem(pk, entry()) } }));
}

/** The document item on its expected version, and every copy of it (records, tag and name lists). */
export function documentWrites(TableName: string, change: DocumentChange): TransactItem[] {
  const next: Document = change.next;
  return [
    documentPutAtVersion(TableName, next, change.expectedVersion),
    ...next.links.map((l) => ({ Put: { TableName, Item: linkedDocumentItem(next, l) } })),
    // The tag and name list copies carry the status too.
    ...listCopies(next).map((Item) => ({ Put: { TableName, Item } })),
  ];
}
