import { sameLink, type Document } from '#core/documents/document';
import type { LinkChange, SaveOutcome } from '#core/documents/ports';
import type { Change } from '#core/records/record';
import { tableName } from '#store/dynamo';
import { recordExists, userExists } from '#store/documents/checks';
import { documentItem, linkedDocumentItem, linkedDocumentKey } from '#store/documents/items';
import { documentEntry, recordEntries, userActor } from '#store/documents/timeline';
import { failed, transact } from '#store/documents/transact';

/**
 * A patched document in one transaction: the document on its version, checks that added records
 * and ACL users exist, every record's copy rewritten (removed ones deleted), and the timelines.
 */
export async function saveDocument(next: Document, expectedVersion: number, links: LinkChange, actor: string): Promise<SaveOutcome> {
  const TableName = tableName();
  const users = [...new Set(next.acl.flatMap((e) => ('userId' in e ? [e.userId] : [])))];
  const kept = next.links.filter((l) => !links.added.some((a) => sameLink(a, l)));
  const hard = [
    {
      Put: {
        TableName, Item: documentItem(next), ConditionExpression: '#d.version = :expected',
        ExpressionAttributeNames: { '#d': 'document' }, ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    },
    ...links.added.map((l) => recordExists(TableName, next.tenantId, l)),
    ...users.map((u) => userExists(TableName, next.tenantId, u)),
    ...next.links.map((l) => ({ Put: { TableName, Item: linkedDocumentItem(next, l) } })),
    ...links.removed.map((l) => ({ Delete: { TableName, Key: linkedDocumentKey(next.tenantId, l, next.id) } })),
  ];
  const by = userActor(actor);
  const changes: Change[] = [{ field: 'version', from: expectedVersion, to: next.version }];
  if (links.added.length || links.removed.length) changes.push({ field: 'links', from: links.removed, to: links.added });
  const soft = [
    documentEntry(TableName, next, 'updated', by, next.updatedAt, changes),
    ...recordEntries(TableName, next, links.added, 'document_added', by, next.updatedAt),
    ...recordEntries(TableName, next, links.removed, 'document_removed', by, next.updatedAt),
    ...recordEntries(TableName, next, kept, 'document_updated', by, next.updatedAt),
  ];
  const result = await transact({
    hard, soft,
    tooLarge: `This change links, unlinks and checks too many records and users at once (${hard.length} writes, 100 at most); change fewer links per request.`,
  });
  if (result.ok) return 'saved';
  if (failed(result, 0)) return 'version-conflict';
  const userAt = 1 + links.added.length;
  return {
    missingLinks: links.added.filter((_, i) => failed(result, 1 + i)),
    missingUsers: users.filter((_, i) => failed(result, userAt + i)),
  };
}
