import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ConversionMapping } from '#core/conversion/mapping';
import type { ConversionStore } from '#core/conversion/ports';
import type { RecordRef } from '#core/records/record';
import { documentClient, tableName } from '#store/dynamo/client';
import { transactOrThrow } from '#store/dynamo/transact';
import { dueInShards } from '#store/dynamo/due-in-shards';
import {
  CARRY_QUEUE_PK,
  CONVERSION_PREFIX,
  conversionMappingPk,
  LINKED_DOCUMENT_PREFIX,
  linkPrefix,
  META,
  recordPk,
} from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { commitConversion } from '#store/conversion/commit';
import { carryQueueKey, conversionFromItem, conversionKey, dueCarryKey } from '#store/conversion/items';
import { undoConversion } from '#store/conversion/undo';
import { skPrefix } from '#store/dynamo/key-prefix';

export const dynamoConversionStore: ConversionStore = {
  async get(tenantId, leadId, conversionId) {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: tableName(),
        Key: conversionKey(tenantId, leadId, conversionId),
        ConsistentRead: true,
      }),
    );
    return Item ? conversionFromItem(Item) : undefined;
  },

  list: (tenantId, leadId, page) =>
    queryPage(
      {
        ...skPrefix(recordPk(tenantId, 'lead', leadId), CONVERSION_PREFIX),
        ScanIndexForward: false,
        ConsistentRead: true,
      },
      page,
      conversionFromItem,
    ),

  commit: commitConversion,
  undo: undoConversion,

  /** One Query over the record's partition from LINK# on: back-links, then document copies (MDOC#). */
  async attachments(tenantId, ref) {
    const links: RecordRef[] = [];
    const documents: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': recordPk(tenantId, ref.entity, ref.id),
            ':from': linkPrefix(''),
            ':to': `${LINKED_DOCUMENT_PREFIX}~`,
          },
          ProjectionExpression: 'sk, #ref',
          ExpressionAttributeNames: { '#ref': 'ref' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of result.Items ?? []) {
        const sk = item.sk as string;
        if (sk.startsWith(LINKED_DOCUMENT_PREFIX)) documents.push(sk.slice(LINKED_DOCUMENT_PREFIX.length));
        else if (sk.startsWith('LINK#')) links.push(item.ref as RecordRef);
      }
      start = result.LastEvaluatedKey;
    } while (start);
    return { links, documents };
  },

  async setDocuments(tenantId, conversion, documentIds) {
    const TableName = tableName();
    await transactOrThrow({
      hard: [
        {
          Update: {
            TableName,
            Key: conversionKey(tenantId, conversion.leadId, conversion.id),
            UpdateExpression: 'SET #c.documents = :d REMOVE #c.documentsPending',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#c': 'conversion' },
            ExpressionAttributeValues: { ':d': documentIds },
          },
        },
        { Delete: { TableName, Key: carryQueueKey(tenantId, conversion) } },
      ],
    });
  },

  /** The carry queue is a deadline registry of one shard, read consistently. */
  async dueCarries(now, limit) {
    const due = await dueInShards(
      {
        shards: 1,
        pk: () => CARRY_QUEUE_PK,
        attributes: ['tenantId', 'leadId', 'conversionId', 'dueAt'],
        consistentRead: true,
      },
      // `now` is an ISO instant (the sweeper's toISOString()), which this gives back as it is.
      new Date(now),
      limit,
    );
    return due.map((i) => ({
      tenantId: i.tenantId as string,
      leadId: i.leadId as string,
      conversionId: i.conversionId as string,
      dueAt: i.dueAt as string,
    }));
  },

  async forgetCarry(due) {
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: dueCarryKey(due) }));
  },

  async getMapping(tenantId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: conversionMappingPk(tenantId), sk: META } }),
    );
    return Item?.mapping as ConversionMapping | undefined;
  },

  async putMapping(tenantId, mapping) {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: conversionMappingPk(tenantId), sk: META, kind: 'conversion-mapping', mapping },
      }),
    );
  },
};
