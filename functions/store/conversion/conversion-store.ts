import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConversionMapping } from '#core/conversion/mapping';
import type { ConversionStore } from '#core/conversion/ports';
import type { RecordRef } from '#core/records/record';
import { documentClient, tableName } from '#store/dynamo';
import {
  CONVERSION_PREFIX,
  conversionMappingPk,
  LINKED_DOCUMENT_PREFIX,
  linkPrefix,
  META,
  recordPk,
} from '#store/keys';
import { queryPage } from '#store/query-page';
import { commitConversion } from '#store/conversion/commit';
import { conversionFromItem, conversionKey } from '#store/conversion/items';
import { undoConversion } from '#store/conversion/undo';
import { skPrefix } from '#store/key-prefix';

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
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: conversionKey(tenantId, conversion.leadId, conversion.id),
        UpdateExpression: 'SET #c.documents = :d',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#c': 'conversion' },
        ExpressionAttributeValues: { ':d': documentIds },
      }),
    );
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
