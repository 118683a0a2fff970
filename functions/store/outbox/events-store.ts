import type { EventsStore } from '#core/outbox/read-events';
import type { OutboxEvent } from '#core/records/events';
import { getDocuments } from '#store/documents/reads';
import { eventListPk, eventTypeListPk } from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { sortRange } from '#store/dynamo/sort-range';
import { indexName, indexPartitionAttr } from '#store/dynamo/table-schema';

/** The feed: one Query on the entity-created index (all types) or the stage-created one (one type). */
export const dynamoEventsStore: EventsStore = {
  list(tenantId, q, page) {
    const dimension = q.type ? 'stage' : 'entity';
    const range = sortRange({ sort: 'created', from: q.from, to: q.to });
    return queryPage(
      {
        IndexName: indexName(dimension, 'created'),
        KeyConditionExpression: `${indexPartitionAttr(dimension)} = :pk AND ${range.cond}`,
        ExpressionAttributeValues: {
          ':pk': q.type ? eventTypeListPk(tenantId, q.type) : eventListPk(tenantId),
          ...range.values,
        },
        ScanIndexForward: q.order === 'asc',
      },
      page,
      (item) => item.event as OutboxEvent & { truncated?: true },
    );
  },
  documents: getDocuments,
};
