import { sameLink, type Document, type DocumentVersion, type RecordLink } from '#core/documents/document';
import type { LinkChange, SaveOutcome, TwinSave } from '#core/documents/ports';
import type { Change } from '#core/records/record';
import { batchGet } from '#store/dynamo/batch-get';
import { tableName } from '#store/dynamo/client';
import { META, userPk } from '#store/dynamo/keys';
import { recordExists, userExists } from '#store/documents/checks';
import {
  documentPutAtVersion,
  linkedDocumentItem,
  linkedDocumentKey,
  listCopies,
  recordMetaKey,
  tagCopyKey,
  versionItem,
} from '#store/documents/items';
import { documentEntry, recordEntries } from '#store/documents/timeline';
import { failed, MAX_TRANSACTION_ITEMS, transact } from '#store/dynamo/transact';
import type { Actor } from '#core/actor';
import type { OutboxEvent } from '#core/records/events';
import { outboxPuts } from '#store/dynamo/outbox-item';
import { documentUpdated } from '#core/documents/events';

/**
 * A patched document in one transaction: the document on its version, checks that added records
 * and ACL users exist, every record's copy rewritten (removed ones deleted), and the timelines.
 */
export async function saveDocument(
  next: Document,
  expectedVersion: number,
  links: LinkChange,
  actor: Actor,
  events: OutboxEvent[],
  version?: DocumentVersion,
  twin?: TwinSave,
): Promise<SaveOutcome> {
  const TableName = tableName();
  const users = [...new Set(next.acl.flatMap((e) => ('userId' in e ? [e.userId] : [])))];
  // The e-invoice twin's own writes come right after the document's, so its put's index is known.
  const own = documentWrites(TableName, next, expectedVersion, links);
  const twinWrites = twin ? documentWrites(TableName, twin.next, twin.expectedVersion, twin.links) : [];
  const writes = [
    ...own,
    ...twinWrites,
    ...(version
      ? [{ Put: { TableName, Item: versionItem(next.tenantId, version), ConditionExpression: 'attribute_exists(pk)' } }]
      : []),
  ];
  // Linking 50 records at once needs 50 copies and 50 checks besides the document: past the 100
  // items of a transaction, every check is first read (consistently) and only those that still fit
  // ride along as ConditionChecks. A record deleted in the moments between is left to the record's
  // delete cascade, which finds the copy in its partition.
  const room = MAX_TRANSACTION_ITEMS - writes.length - events.length - (twin ? 1 : 0);
  if (links.added.length + users.length > room && room >= 0) {
    const missing = await missingBeforehand(next.tenantId, links.added, users);
    if (missing.missingLinks.length || missing.missingUsers.length) return missing;
  }
  const checkedLinks = links.added.slice(0, Math.max(0, room));
  const checkedUsers = users.slice(0, Math.max(0, room - checkedLinks.length));
  const hard = [
    ...writes,
    ...checkedLinks.map((l) => recordExists(TableName, next.tenantId, l)),
    ...checkedUsers.map((u) => userExists(TableName, next.tenantId, u)),
  ];
  const result = await transact({
    retry: 'document',
    hard,
    events: outboxPuts(next.tenantId, [...events, ...(twin ? [documentUpdated(twin.current, twin.next, actor)] : [])]),
    soft: [
      ...timelineItems(TableName, next, expectedVersion, links, actor),
      // The twin's own history, and its records' (a link the invoice gained or lost, the XML did too).
      ...(twin ? timelineItems(TableName, twin.next, twin.expectedVersion, twin.links, actor) : []),
    ],
    tooLarge: `This change links and unlinks too many records at once (${writes.length} writes, ${MAX_TRANSACTION_ITEMS} at most); change fewer links per request.`,
  });
  if (result.ok) return 'saved';
  if (failed(result, 0) || (twin && failed(result, own.length))) return 'version-conflict';
  return {
    missingLinks: checkedLinks.filter((_, i) => failed(result, writes.length + i)),
    missingUsers: checkedUsers.filter((_, i) => failed(result, writes.length + checkedLinks.length + i)),
  };
}

/** The document on its version, its records' copies (removed ones deleted) and its list copies. */
export function documentWrites(TableName: string, next: Document, expectedVersion: number, links: LinkChange) {
  return [
    documentPutAtVersion(TableName, next, expectedVersion),
    ...next.links.map((l) => ({ Put: { TableName, Item: linkedDocumentItem(next, l) } })),
    ...links.removed.map((l) => ({ Delete: { TableName, Key: linkedDocumentKey(next.tenantId, l, next.id) } })),
    ...listCopies(next).map((Item) => ({ Put: { TableName, Item } })),
    ...(links.droppedTags ?? []).map((t) => ({ Delete: { TableName, Key: tagCopyKey(next.tenantId, next.id, t) } })),
  ];
}

function timelineItems(TableName: string, next: Document, expectedVersion: number, links: LinkChange, by: Actor) {
  const kept = next.links.filter((l) => !links.added.some((a) => sameLink(a, l)));
  const changes: Change[] = [{ field: 'version', from: expectedVersion, to: next.version }];
  if (links.added.length || links.removed.length)
    changes.push({ field: 'links', from: links.removed, to: links.added });
  return [
    documentEntry(TableName, next, 'updated', by, next.updatedAt, changes),
    ...recordEntries(TableName, next, links.added, 'document_added', by, next.updatedAt),
    ...recordEntries(TableName, next, links.removed, 'document_removed', by, next.updatedAt),
    ...recordEntries(TableName, next, kept, 'document_updated', by, next.updatedAt),
  ];
}

async function missingBeforehand(tenantId: string, added: RecordLink[], users: string[]) {
  const found = await batchGet(
    [...added.map((l) => recordMetaKey(tenantId, l)), ...users.map((u) => ({ pk: userPk(tenantId, u), sk: META }))],
    { consistent: true },
  );
  const gone = (i: number) =>
    !found[i] || Boolean((found[i]!.record as { deletingAt?: string } | undefined)?.deletingAt);
  return {
    missingLinks: added.filter((_, i) => gone(i)),
    missingUsers: users.filter((_, i) => gone(added.length + i)),
  };
}
