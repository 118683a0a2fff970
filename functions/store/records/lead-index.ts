import { LIST_DIMENSIONS } from '#core/records/list-dimensions';
import type { LeadIndexStore } from '#core/records/reindex-leads';
import { allPages } from '#store/dynamo/all-pages';
import { tableName } from '#store/dynamo/client';
import { entityListPk } from '#store/dynamo/keys';
import { recordFromItem, recordItem, recordKey, searchKey } from '#store/records/record-item';
import { MAX_TRANSACTION_ITEMS, transact } from '#store/dynamo/transact';
import { indexName, indexPartitionAttr } from '#store/dynamo/table-schema';

const LIST_KEYS = LIST_DIMENSIONS.map(indexPartitionAttr);

/** The lead-index job's store (core/records/reindex-leads.ts). */
export const dynamoLeadIndex: LeadIndexStore = {
  async *leads(tenantId) {
    for await (const items of allPages({
      IndexName: indexName('entity', 'created'),
      KeyConditionExpression: `${indexPartitionAttr('entity')} = :pk`,
      ExpressionAttributeValues: { ':pk': entityListPk(tenantId, 'lead') },
      Limit: 100,
    }))
      yield items.map(recordFromItem);
  },

  async reindex(tenantId, lead, tokens) {
    const TableName = tableName();
    const item = recordItem(tenantId, lead);
    const set = LIST_KEYS.filter((k) => item[k] !== undefined);
    const remove = LIST_KEYS.filter((k) => item[k] === undefined);
    const names = Object.fromEntries(LIST_KEYS.map((k, i) => [`#k${i}`, k]));
    const alias = (k: string) => `#k${LIST_KEYS.indexOf(k)}`;
    // The record's own update carries the version condition, so every chunk of search items is
    // written only while the lead is as read (a later change removes what it no longer has).
    const update = {
      Update: {
        TableName,
        Key: recordKey(tenantId, lead),
        UpdateExpression: [
          set.length ? `SET ${set.map((k) => `${alias(k)} = :${alias(k).slice(1)}`).join(', ')}` : '',
          remove.length ? `REMOVE ${remove.map(alias).join(', ')}` : '',
        ].join(' '),
        ConditionExpression: '#r.version = :v AND attribute_not_exists(#r.deletingAt)',
        ExpressionAttributeNames: { ...names, '#r': 'record' },
        ExpressionAttributeValues: {
          ':v': lead.version,
          ...Object.fromEntries(set.map((k) => [`:${alias(k).slice(1)}`, item[k]])),
        },
      },
    };
    const ref = { entity: lead.entity, id: lead.id };
    const perChunk = MAX_TRANSACTION_ITEMS - 1;
    for (let i = 0; i === 0 || i < tokens.length; i += perChunk) {
      const puts = tokens
        .slice(i, i + perChunk)
        .map((t) => ({ Put: { TableName, Item: { ...searchKey(tenantId, ref, t), kind: 'search', ref } } }));
      if (!(await transact({ hard: [update, ...puts] })).ok) return false;
    }
    return true;
  },
};
