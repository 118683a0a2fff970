import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeTime } from 'ulid';
import type { CommittedEvent } from '#core/webhooks/fan-out';
import type { ReplaySource } from '#core/webhooks/replay';
import { documentClient, tableName } from '#store/dynamo/client';
import { eventListPk } from '#store/dynamo/keys';
import { sortRange } from '#store/dynamo/sort-range';
import { indexName, indexPartitionAttr } from '#store/dynamo/table-schema';

// A replay's events, read from the tenant's feed (the entity-created index of OUT# items, as
// GET /v1/events): a time range page by page, or ids. An event id is a ULID minted as its change
// committed, so one id is looked up in a narrow window of the feed around its time, not searched for.

/** How far an event's occurredAt may lie from its id's time (taken just before, in the same request). */
const ID_WINDOW_MS = 15 * 60 * 1000;

const committed = (tenantId: string, item: Record<string, unknown>): CommittedEvent => ({
  tenantId,
  location: item.pk as string,
  event: item.event as CommittedEvent['event'],
});

async function feed(tenantId: string, from: string, to: string, limit: number, onlyId?: string) {
  const range = sortRange({ sort: 'created', from, to });
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: indexName('entity', 'created'),
        KeyConditionExpression: `${indexPartitionAttr('entity')} = :pk AND ${range.cond}`,
        ExpressionAttributeValues: {
          ':pk': eventListPk(tenantId),
          ...range.values,
          ...(onlyId ? { ':id': onlyId } : {}),
        },
        ...(onlyId ? { FilterExpression: '#event.id = :id', ExpressionAttributeNames: { '#event': 'event' } } : {}),
        ExclusiveStartKey: start,
        Limit: onlyId ? undefined : limit + 1 - items.length,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start && items.length <= limit);
  return items;
}

export const dynamoReplaySource: ReplaySource = {
  async range(tenantId, from, to, limit) {
    const items = await feed(tenantId, from, to, limit);
    return { events: items.slice(0, limit).map((i) => committed(tenantId, i)), more: items.length > limit };
  },

  async byIds(tenantId, ids) {
    const found = await Promise.all(
      [...new Set(ids)].map(async (id) => {
        let at: number;
        try {
          at = decodeTime(id.replace(/^evt_/, ''));
        } catch {
          return [];
        }
        const iso = (ms: number) => new Date(ms).toISOString();
        return feed(tenantId, iso(at - ID_WINDOW_MS), iso(at + ID_WINDOW_MS), 1, id);
      }),
    );
    return found.flat().map((i) => committed(tenantId, i));
  },
};
