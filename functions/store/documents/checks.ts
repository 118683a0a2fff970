import type { RecordLink } from '#core/documents/document';
import { META, userPk } from '#store/dynamo/keys';
import { documentKey, recordMetaKey } from '#store/documents/items';
import type { TransactItem } from '#store/dynamo/transact';

// ConditionChecks on items a change points at but does not write. A record being deleted
// (`deletingAt`) counts as gone, as it does for links between records (store/records/record-write.ts).

export const recordExists = (TableName: string, tenantId: string, link: RecordLink): TransactItem => ({
  ConditionCheck: {
    TableName,
    Key: recordMetaKey(tenantId, link),
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#r.deletingAt)',
    ExpressionAttributeNames: { '#r': 'record' },
  },
});

export const documentExists = (TableName: string, tenantId: string, id: string): TransactItem => ({
  ConditionCheck: { TableName, Key: documentKey(tenantId, id), ConditionExpression: 'attribute_exists(pk)' },
});

export const userExists = (TableName: string, tenantId: string, userId: string): TransactItem => ({
  ConditionCheck: {
    TableName,
    Key: { pk: userPk(tenantId, userId), sk: META },
    ConditionExpression: 'attribute_exists(pk)',
  },
});
