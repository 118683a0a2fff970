import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';
import type { RecordWrite } from '#core/records/ports';
import type { CrmRecord, RecordRef } from '#core/records/record';
import type { SearchToken } from '#core/records/search-tokens';
import { tableName } from '#store/dynamo/client';
import { recordPk, timelineSk } from '#store/dynamo/keys';
import { backLinkKey, recordItem, recordKey, searchKey } from '#store/records/record-item';
import { outboxPuts } from '#store/dynamo/outbox-item';
import type { OutboxEvent } from '#core/records/events';

export const refKey = (r: RecordRef): string => `${r.entity}#${r.id}`;

/**
 * The TransactWriteItems of one record change, and how to explain its cancellation reasons.
 * `alsoWritten` are records written in the same transaction: a link to one of them needs no
 * ConditionCheck (its own write holds the condition, and DynamoDB allows one operation per item).
 */
export function buildRecordWrite(tenantId: string, w: RecordWrite, alsoWritten: ReadonlySet<string> = new Set()) {
  const { record } = w;
  const TableName = tableName();
  const ref = { entity: record.entity, id: record.id };
  const put = (Item: Record<string, unknown>) => ({ Put: { TableName, Item } });
  const del = (Key: Record<string, string>) => ({ Delete: { TableName, Key } });
  const recordPut =
    w.expectedVersion === undefined
      ? { Put: { TableName, Item: recordItem(tenantId, record), ConditionExpression: 'attribute_not_exists(pk)' } }
      : {
          Put: {
            TableName,
            Item: recordItem(tenantId, record),
            ConditionExpression: '#r.version = :v AND attribute_not_exists(#r.deletingAt)',
            ExpressionAttributeNames: { '#r': 'record' },
            ExpressionAttributeValues: { ':v': w.expectedVersion },
          },
        };
  const linkChecks = w.linkChecks.filter((c) => !alsoWritten.has(refKey(c)));
  const checks = linkChecks.map((c) => ({
    ConditionCheck: {
      TableName,
      Key: recordKey(tenantId, c),
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#r.deletingAt)',
      ExpressionAttributeNames: { '#r': 'record' },
    },
  }));
  const items = [
    recordPut,
    ...checks,
    ...w.timeline.map((entry) =>
      put({ pk: recordPk(tenantId, record.entity, record.id), sk: timelineSk(entry.id), kind: 'timeline', entry }),
    ),
    ...w.searchAdd.map((t) => put({ ...searchKey(tenantId, record, t), kind: 'search', ref })),
    ...w.searchRemove.map((t) => del(searchKey(tenantId, record, t))),
    ...w.linksAdd.map((l) => put({ ...backLinkKey(tenantId, l, record), kind: 'link', ref })),
    ...w.linksRemove.map((l) => del(backLinkKey(tenantId, l, record))),
  ];

  /** The domain error a cancelled transaction means for this change; undefined when no rule explains it. */
  const describe = (reasons: string[]): DomainError | undefined => {
    const failedLinks = linkChecks.filter((_, i) => reasons[1 + i] === 'ConditionalCheckFailed');
    if (failedLinks.length) {
      return new DomainError(
        'VALIDATION',
        'Some linked records do not exist.',
        failedLinks.map((c) => ({ path: c.path, message: `No ${c.entity} with id ${c.id}.` })),
      );
    }
    if (reasons[0] === 'ConditionalCheckFailed') {
      return w.expectedVersion === undefined
        ? new DomainError('CONFLICT', `A ${record.entity} with id ${record.id} already exists.`)
        : new WriteConflict('version', `The ${record.entity} changed meanwhile; read it again.`);
    }
    if (reasons.includes('TransactionConflict'))
      return new WriteConflict(
        'transaction',
        `The ${record.entity} is being changed by another request; retry shortly.`,
      );
    return undefined;
  };
  return { items, events: outboxPuts(tenantId, w.events), describe };
}

/**
 * A record deleted on its version, with its search items and the back-links it wrote in linked
 * records (`items`), and its tombstone (`events`, for the transaction's events slot).
 */
export function recordRemoval(
  tenantId: string,
  record: CrmRecord,
  searchTokens: SearchToken[],
  links: RecordRef[],
  tombstone: OutboxEvent,
) {
  const TableName = tableName();
  const del = (Key: Record<string, string>) => ({ Delete: { TableName, Key } });
  const items = [
    {
      Delete: {
        TableName,
        Key: recordKey(tenantId, record),
        ConditionExpression: '#r.version = :v',
        ExpressionAttributeNames: { '#r': 'record' },
        ExpressionAttributeValues: { ':v': record.version },
      },
    },
    ...searchTokens.map((t) => del(searchKey(tenantId, record, t))),
    ...links.map((l) => del(backLinkKey(tenantId, l, record))),
  ];
  return { items, events: outboxPuts(tenantId, [tombstone]) };
}
