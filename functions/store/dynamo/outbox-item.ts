import type { OutboxEvent } from '#core/records/events';
import { tableName } from '#store/dynamo/client';
import { createdSk, eventListPk, eventTypeListPk, outboxSk, recordPk } from '#store/dynamo/keys';
import { indexPartitionAttr, indexSortAttr, TTL_ATTRIBUTE } from '#store/dynamo/table-schema';
import type { TransactItem } from '#store/dynamo/transact';

/** Events are kept 30 days: the feed's window, then DynamoDB's TTL removes them. */
export const EVENT_KEEP_SECONDS = 30 * 24 * 60 * 60;

/**
 * Past this the snapshot is left out (`truncated`): the item must stay under DynamoDB's 400 KB,
 * and a record that fits must never be refused because its event would not. The event still
 * says what changed and at which version; the receiver reads the resource.
 */
export const MAX_EVENT_SNAPSHOT_BYTES = 300_000;

function bounded(event: OutboxEvent): OutboxEvent & { truncated?: true } {
  if (Buffer.byteLength(JSON.stringify(event)) <= MAX_EVENT_SNAPSHOT_BYTES) return event;
  const { record: _r, previous: _p, document: _d, documentPrevious: _dp, resource: _o, ...rest } = event;
  return { ...rest, truncated: true };
}

/**
 * The hard OUT# item: in the partition of the resource it announces (beside what it describes,
 * for later per-resource ordering), listed for the tenant's feed by time on the entity index and
 * by type on the stage index. `createdSk` serves both indexes.
 */
export function outboxItem(tenantId: string, event: OutboxEvent): Record<string, unknown> {
  return {
    pk: recordPk(tenantId, event.subject.entity, event.subject.id),
    sk: outboxSk(event.id),
    kind: 'outbox-event',
    event: bounded(event),
    [indexPartitionAttr('entity')]: eventListPk(tenantId),
    [indexPartitionAttr('stage')]: eventTypeListPk(tenantId, event.type),
    [indexSortAttr('created')]: createdSk(event.occurredAt, event.id),
    [TTL_ATTRIBUTE]: Math.floor(Date.parse(event.occurredAt) / 1000) + EVENT_KEEP_SECONDS,
  };
}

export const outboxPuts = (tenantId: string, events: OutboxEvent[]): TransactItem[] =>
  events.map((e) => ({ Put: { TableName: tableName(), Item: outboxItem(tenantId, e) } }));
