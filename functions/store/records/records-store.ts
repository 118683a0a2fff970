import { logger } from '#observability/logger';
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';
import type { Page, PageRequest } from '#core/paging';
import type { RecordsStore } from '#core/records/ports';
import type { CrmRecord, RecordRef, TimelineEntry } from '#core/records/record';
import { indexName, indexPartitionAttr } from '#store/dynamo/table-schema';
import { FILTER_INDEX } from '#core/records/list-dimensions';
import { batchGet } from '#store/dynamo/batch-get';
import { documentClient, tableName } from '#store/dynamo/client';
import { transactOrThrow } from '#store/dynamo/transact';
import { allPages } from '#store/dynamo/all-pages';
import { conditionalWrite } from '#store/dynamo/conditional-write';
import {
  linkPrefix,
  listPk,
  META,
  OUTBOX_PREFIX,
  recordPk,
  searchPk,
  searchPrefix,
  TIMELINE_PREFIX,
} from '#store/dynamo/keys';
import { readItem, want } from '#store/dynamo/prefetch';
import { queryPage, queryRaw } from '#store/dynamo/query-page';
import { sortRange } from '#store/dynamo/sort-range';
import { recordFromItem, recordKey } from '#store/records/record-item';
import { commitRecords } from '#store/records/record-transaction';
import { recordRemoval } from '#store/records/record-write';
import { sendUntilProcessed } from '#store/dynamo/unprocessed';
import { skPrefix, typedSkPrefix } from '#store/dynamo/key-prefix';
import { withActorRead } from '#core/actor';

/**
 * Records referenced by the items under `prefix` (search items, back-links), in key order or
 * reversed. `consistent` reads the records consistently too: a back-link committed a moment ago
 * must find its record, or a delete cascade would step over a dependant that was just linked.
 */
async function refsPage(
  tenantId: string,
  pk: string,
  prefix: string,
  page: PageRequest,
  opts: { newestFirst?: boolean; consistent?: boolean } = {},
): Promise<Page<CrmRecord>> {
  const { query, keeps } = typedSkPrefix(pk, prefix);
  const result = await queryRaw(
    {
      ...query,
      // Consistent: a delete cascade must see a link committed a moment ago.
      ConsistentRead: true,
      ScanIndexForward: !opts.newestFirst,
    },
    page,
  );
  const refs = [
    ...new Map(result.items.filter(keeps).map((i) => [(i.ref as RecordRef).id, i.ref as RecordRef])).values(),
  ];
  const items = refs.length
    ? await batchGet(
        refs.map((r) => recordKey(tenantId, r)),
        { consistent: opts.consistent },
      )
    : [];
  return {
    items: items
      .filter((i) => i !== undefined)
      .map(recordFromItem)
      .filter((r) => !r.deletingAt),
    nextCursor: result.nextCursor,
  };
}

export const dynamoRecordsStore: RecordsStore = {
  async get(tenantId, entity, id) {
    const Item = await readItem(recordKey(tenantId, { entity, id }));
    return Item ? recordFromItem(Item) : undefined;
  },

  async getMany(tenantId, refs) {
    // A record being deleted is gone for every reader (the deal card included), as in get() and lists.
    return (await batchGet(refs.map((r) => recordKey(tenantId, r))))
      .filter((i) => i !== undefined)
      .map(recordFromItem)
      .filter((r) => !r.deletingAt);
  },

  write: (tenantId, change) => commitRecords(tenantId, [change]),

  writeMany: (tenantId, changes) => commitRecords(tenantId, changes),

  async markDeleting(tenantId, record) {
    await conditionalWrite(
      () =>
        documentClient().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: recordKey(tenantId, record),
            UpdateExpression: 'SET #r.deletingAt = :at',
            ConditionExpression: '#r.version = :v',
            ExpressionAttributeNames: { '#r': 'record' },
            ExpressionAttributeValues: { ':at': new Date().toISOString(), ':v': record.version },
          }),
        ),
      {
        failed: () => new WriteConflict('version', `The ${record.entity} changed meanwhile; read it again.`),
        busy: `The ${record.entity} is being changed by another request; retry shortly.`,
      },
    );
  },

  async remove(tenantId, record, searchTokens, links, tombstone) {
    const { items, events } = recordRemoval(tenantId, record, searchTokens, links, tombstone);
    await transactOrThrow({
      hard: items,
      events,
      busy: `The ${record.entity} is being changed by another request; retry shortly.`,
      // The record's own delete comes first and carries the version condition.
      onFailed: () =>
        new WriteConflict('version', `The ${record.entity} changed or was deleted meanwhile; read it again.`),
    });
    // After the record is gone its timeline is unreachable, so a failure here leaves only garbage, never a
    // live record without its history; doing it first could strip a record whose delete then fails.
    // The delete has committed: its answer stands, and leftovers are unreachable garbage, not state.
    await purgePartition(recordPk(tenantId, record.entity, record.id)).catch((e: unknown) =>
      logger.warn('purge after delete failed', { error: e as Error }),
    );
  },

  list(tenantId, entity, q, page) {
    const range = sortRange(q);
    const index = q.dimension === 'entity' ? q.dimension : FILTER_INDEX[q.dimension];
    return queryPage(
      {
        IndexName: indexName(index, q.sort),
        KeyConditionExpression: `${indexPartitionAttr(index)} = :pk AND ${range.cond}`,
        ExpressionAttributeValues: { ':pk': listPk(tenantId, entity, q.dimension, q.value), ...range.values },
        ScanIndexForward: q.order === 'asc',
      },
      page,
      recordFromItem,
    ).then((found) => ({ ...found, items: found.items.filter((r) => !r.deletingAt) }));
  },

  search: (tenantId, entity, lookup, page) =>
    refsPage(tenantId, searchPk(tenantId, entity), searchPrefix(lookup), page),

  // Back-link keys end in the linking record's id, a ULID: newest first, as the other lists.
  linked: (tenantId, target, source, page) =>
    refsPage(tenantId, recordPk(tenantId, target.entity, target.id), linkPrefix(source), page, {
      newestFirst: true,
      consistent: true,
    }),

  timeline(tenantId, ref, page) {
    return queryPage(
      {
        ...skPrefix(recordPk(tenantId, ref.entity, ref.id), TIMELINE_PREFIX),
        ScanIndexForward: false,
      },
      page,
      (item) => withActorRead(item.entry as TimelineEntry),
    );
  },
};

/**
 * Timeline entries and back-links die with their record; not in the transaction, as they can be
 * many. Its outbox events stay: the tombstone and the record's earlier events are the feed's for
 * 30 days, and their TTL removes them.
 */
async function purgePartition(pk: string): Promise<void> {
  for await (const items of allPages({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ProjectionExpression: 'pk, sk',
    Limit: 25,
  })) {
    const requests = items
      .filter((i) => i.sk !== META && !String(i.sk).startsWith(OUTBOX_PREFIX))
      .map((Key) => ({ DeleteRequest: { Key } }));
    const left = await sendUntilProcessed(
      requests,
      async (batch) => {
        const { UnprocessedItems } = await documentClient().send(
          new BatchWriteCommand({ RequestItems: { [tableName()]: batch } }),
        );
        return (UnprocessedItems?.[tableName()] ?? []) as typeof batch;
      },
      { baseMs: 50 },
    );
    if (left.length) throw new DomainError('UNAVAILABLE', 'The delete could not finish cleaning up; retry it.');
  }
}

/** Reads the record along with the request's authentication (see store/dynamo/prefetch.ts). */
export const prefetchRecord = (tenantId: string, ref: RecordRef): void => want(recordKey(tenantId, ref));

/** Everything left in a removed record's partition (timeline, back-links, document copies): housekeeping. */
export const purgeRecordPartition = (tenantId: string, ref: RecordRef): Promise<void> =>
  purgePartition(recordPk(tenantId, ref.entity, ref.id));
