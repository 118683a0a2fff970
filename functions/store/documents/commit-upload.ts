import type { CommitOutcome, UploadCommit } from '#core/documents/ports';
import { tableName } from '#store/dynamo/client';
import { usageUpdate } from '#store/quota/usage-store';
import { recordExists } from '#store/documents/checks';
import {
  documentItem,
  documentPutAtVersion,
  linkedDocumentItem,
  listCopies,
  pendingUploadRefKey,
  reservationKey,
  settledUploadTtl,
  uploadKey,
  versionItem,
} from '#store/documents/items';
import { documentEntry, recordEntries } from '#store/documents/timeline';
import { failed, MAX_TRANSACTION_ITEMS, transact } from '#store/dynamo/transact';
import { systemActor } from '#core/actor';
import { documentSettled } from '#core/documents/events';
import { outboxPuts } from '#store/dynamo/outbox-item';

/**
 * The upload becomes a document or a version in one transaction, conditioned on the upload still
 * pending (so the S3 event, `complete` and the sweeper settle it once between them) and on the
 * document being as read. Every record's copy of the document is rewritten with it.
 */
export async function commitUpload(c: UploadCommit): Promise<CommitOutcome> {
  const TableName = tableName();
  const { upload, document: doc } = c;
  const isNew = c.expectedDocumentVersion === null;
  // Four fixed items and the event, the list copies (one, by name, on a new document), plus a copy and a check per
  // link: past 47 links that overflows 100 items. The reservation checked every link minutes ago, so
  // the last few links keep that check rather than the object (already in the bucket, already
  // counted) being refused now.
  const copies = listCopies(doc);
  const checked = isNew
    ? doc.links.slice(0, Math.max(0, MAX_TRANSACTION_ITEMS - 5 - copies.length - doc.links.length))
    : [];
  const checks = checked.map((l) => recordExists(TableName, upload.tenantId, l));
  const documentPut =
    c.expectedDocumentVersion === null
      ? { Put: { TableName, Item: documentItem(doc), ConditionExpression: 'attribute_not_exists(pk)' } }
      : documentPutAtVersion(TableName, doc, c.expectedDocumentVersion);
  const hard = [
    {
      Update: {
        TableName,
        Key: uploadKey(upload.tenantId, upload.id),
        // Out of the pending list (sparse index) and onto TTL once settled.
        UpdateExpression:
          'SET #u.#status = :completed, #u.settledAt = :at, #u.versionNumber = :n, #ttl = :ttl REMOVE entityPk',
        ConditionExpression: '#u.#status = :pending',
        ExpressionAttributeNames: { '#u': 'upload', '#status': 'status', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':pending': 'pending',
          ':at': c.settledAt,
          ':n': c.version.number,
          ':ttl': settledUploadTtl(c.settledAt),
        },
      },
    },
    usageUpdate(upload.tenantId, c.delta),
    {
      Put: {
        TableName,
        Item: versionItem(upload.tenantId, c.version),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    documentPut,
    ...checks,
    ...doc.links.map((l) => ({ Put: { TableName, Item: linkedDocumentItem(doc, l) } })),
    ...copies.map((Item) => ({ Put: { TableName, Item } })),
  ];
  const actor = c.actor ?? systemActor('upload-finaliser', upload.id);
  const soft = [
    isNew
      ? documentEntry(TableName, doc, 'created', actor, c.settledAt, [
          { field: 'name', from: null, to: doc.name },
          { field: 'size', from: null, to: doc.size },
          { field: 'by', from: null, to: upload.by },
        ])
      : documentEntry(TableName, doc, 'version_added', actor, c.settledAt, [
          { field: 'currentVersion', from: doc.currentVersion - 1, to: doc.currentVersion },
          { field: 'by', from: null, to: upload.by },
        ]),
    ...recordEntries(
      TableName,
      doc,
      doc.links,
      isNew ? 'document_added' : 'document_version_added',
      actor,
      c.settledAt,
    ),
    { Delete: { TableName, Key: reservationKey(upload) } },
    ...(upload.kind === 'version' ? [{ Delete: { TableName, Key: pendingUploadRefKey(upload) } }] : []),
  ];
  const result = await transact({
    retry: 'document',
    hard,
    // document.created or document.version_added, committed with the settling (decision 0012).
    events: c.announce ? outboxPuts(upload.tenantId, [documentSettled(isNew, doc, actor)]) : [],
    soft,
    tooLarge: `The document links more records than one change can hold (${doc.links.length}).`,
  });
  if (result.ok) return 'committed';
  if (failed(result, 0)) return 'not-pending';
  if (failed(result, 2) || failed(result, 3)) return 'document-changed';
  const missingLinks = checked.filter((_, i) => failed(result, 4 + i));
  return missingLinks.length ? { missingLinks } : 'document-changed';
}
