import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';
import type { Page, PageRequest } from '#core/paging';
import type { ListQuery, RecordsStore, RecordWrite } from '#core/records/ports';
import type { CrmRecord, RecordRef, TimelineEntry } from '#core/records/record';
import { indexName, indexPartitionAttr, indexSortAttr } from '#store/table-schema';
import { batchGet } from '#store/batch-get';
import { documentClient, tableName } from '#store/dynamo';
import { cancellationReasons, isConditionFailure, isTransactionConflict } from '#store/item';
import { companyListPk, entityListPk, linkSk, META, ownerListPk, pipelineListPk, recordPk, searchPk, stageListPk } from '#store/keys';
import { recall, want } from '#store/prefetch';
import { queryPage, queryRaw } from '#store/query-page';
import { recordFromItem, recordKey } from '#store/record-item';
import { buildRecordWrite } from '#store/record-write';

const listPartition = (tenantId: string, entity: string, q: ListQuery): string => {
  switch (q.dimension) {
    case 'entity': return entityListPk(tenantId, entity);
    case 'owner': return ownerListPk(tenantId, entity, q.value!);
    case 'stage': return stageListPk(tenantId, entity, q.value!);
    case 'pipeline': return pipelineListPk(tenantId, entity, q.value!);
    case 'company': return companyListPk(tenantId, entity, q.value!);
  }
};

async function refsPage(tenantId: string, pk: string, prefix: string, page: PageRequest): Promise<Page<CrmRecord>> {
  const result = await queryRaw({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    // Consistent: a delete cascade must see a link committed a moment ago.
    ConsistentRead: true,
  }, page);
  const refs = [...new Map(result.items.map((i) => [(i.ref as RecordRef).id, i.ref as RecordRef])).values()];
  const items = refs.length ? await batchGet(refs.map((r) => recordKey(tenantId, r))) : [];
  return { items: items.filter((i) => i !== undefined).map(recordFromItem).filter((r) => !r.deletingAt), nextCursor: result.nextCursor };
}

export const dynamoRecordsStore: RecordsStore = {
  async get(tenantId, entity, id) {
    const prefetched = recall(recordKey(tenantId, { entity, id }));
    if (prefetched !== undefined) return prefetched ? recordFromItem(prefetched) : undefined;
    const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: recordKey(tenantId, { entity, id }), ConsistentRead: true }));
    return Item ? recordFromItem(Item) : undefined;
  },

  async getMany(tenantId, refs) {
    return (await batchGet(refs.map((r) => recordKey(tenantId, r)))).filter((i) => i !== undefined).map(recordFromItem);
  },

  async write(tenantId, change: RecordWrite) {
    const { items, describe } = buildRecordWrite(tenantId, change);
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
    } catch (e) {
      if ((e as Error).name === 'ValidationException' && /size/i.test((e as Error).message)) {
        throw new DomainError('PAYLOAD_TOO_LARGE', 'The record would exceed the 400 KB a record may hold; shorten its longest values.');
      }
      const reasons = cancellationReasons(e);
      if (!reasons.length) throw e;
      throw describe(reasons);
    }
  },

  async markDeleting(tenantId, record) {
    try {
      await documentClient().send(new UpdateCommand({
        TableName: tableName(), Key: recordKey(tenantId, record),
        UpdateExpression: 'SET #r.deletingAt = :at', ConditionExpression: '#r.version = :v',
        ExpressionAttributeNames: { '#r': 'record' }, ExpressionAttributeValues: { ':at': new Date().toISOString(), ':v': record.version },
      }));
    } catch (e) {
      if (isConditionFailure(e)) throw new WriteConflict('version', `The ${record.entity} changed meanwhile; read it again.`);
      if (isTransactionConflict(e)) throw new WriteConflict('transaction', `The ${record.entity} is being changed by another request; retry shortly.`);
      throw e;
    }
  },

  async remove(tenantId, record, searchTokens, links) {
    const del = (Key: Record<string, string>) => ({ Delete: { TableName: tableName(), Key } });
    try {
      await documentClient().send(new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(), Key: recordKey(tenantId, record), ConditionExpression: '#r.version = :v',
              ExpressionAttributeNames: { '#r': 'record' }, ExpressionAttributeValues: { ':v': record.version },
            },
          },
          ...searchTokens.map((t) => del({ pk: searchPk(tenantId, record.entity), sk: `${t}#${record.id}` })),
          ...links.map((l) => del({ pk: recordPk(tenantId, l.entity, l.id), sk: linkSk(record.entity, record.id) })),
        ],
      }));
    } catch (e) {
      if (cancellationReasons(e)[0] === 'ConditionalCheckFailed') throw new WriteConflict('version', `The ${record.entity} changed or was deleted meanwhile; read it again.`);
      if (isTransactionConflict(e)) throw new WriteConflict('transaction', `The ${record.entity} is being changed by another request; retry shortly.`);
      throw e;
    }
    // After the record is gone its timeline is unreachable, so a failure here leaves only garbage, never a
    // live record without its history; doing it first could strip a record whose delete then fails.
    await purgePartition(recordPk(tenantId, record.entity, record.id));
  },

  list(tenantId, entity, q, page) {
    const sortAttr = indexSortAttr(q.sort);
    const prefix = q.sort === 'created' ? 'C#' : 'U#';
    const range = q.from || q.to
      ? { cond: `${sortAttr} BETWEEN :lo AND :hi`, values: { ':lo': `${prefix}${q.from ?? ''}`, ':hi': `${prefix}${q.to ?? '9999'}~` } }
      : { cond: `begins_with(${sortAttr}, :prefix)`, values: { ':prefix': prefix } };
    return queryPage({
      IndexName: indexName(q.dimension, q.sort),
      KeyConditionExpression: `${indexPartitionAttr(q.dimension)} = :pk AND ${range.cond}`,
      ExpressionAttributeValues: { ':pk': listPartition(tenantId, entity, q), ...range.values },
      ScanIndexForward: q.order === 'asc',
    }, page, recordFromItem).then((found) => ({ ...found, items: found.items.filter((r) => !r.deletingAt) }));
  },

  search: (tenantId, entity, prefix, page) => refsPage(tenantId, searchPk(tenantId, entity), prefix, page),

  linked: (tenantId, target, source, page) => refsPage(tenantId, recordPk(tenantId, target.entity, target.id), `LINK#${source}#`, page),

  timeline(tenantId, ref, page) {
    return queryPage({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)', ExpressionAttributeValues: { ':pk': recordPk(tenantId, ref.entity, ref.id), ':tl': 'TL#' },
      ScanIndexForward: false,
    }, page, (item) => item.entry as TimelineEntry);
  },
};

/** Timeline entries and back-links die with their record; not in the transaction, as they can be many. */
async function purgePartition(pk: string): Promise<void> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ProjectionExpression: 'pk, sk', ExclusiveStartKey: start, Limit: 25 }));
    let requests = (page.Items ?? []).filter((i) => i.sk !== META).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt === 5) throw new DomainError('UNAVAILABLE', 'The delete could not finish cleaning up; retry it.');
      if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const { UnprocessedItems } = await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
      requests = (UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
    start = page.LastEvaluatedKey;
  } while (start);
}


/** Reads the record along with the request's authentication (see store/prefetch.ts). */
export const prefetchRecord = (tenantId: string, ref: RecordRef): void => want(recordKey(tenantId, ref));
