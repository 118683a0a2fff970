import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryRecord } from '#core/webhooks/attempt';
import type { DeliveryLog } from '#core/webhooks/delivery-ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { createdSk, deliveryListPk, deliveryLogSk, deliveryStatusListPk, webhookDeliveryPk } from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { indexName, indexPartitionAttr, indexSortAttr, TTL_ATTRIBUTE } from '#store/dynamo/table-schema';
import type { TransactItem } from '#store/dynamo/transact';

// Each attempt's entry (`dlv_…`, kept 30 days by TTL) in its subscription's partition, listed newest
// first on the pipeline-created index (all) and the company-created one (by status): one Query a
// page. The event type is a filter on that page (a page may then hold fewer than `limit`).

const KEEP_SECONDS = 30 * 24 * 60 * 60;

function logItem(r: DeliveryRecord): Record<string, unknown> {
  return {
    pk: webhookDeliveryPk(r.tenantId, r.subscriptionId),
    sk: deliveryLogSk(r.id),
    kind: 'webhook-delivery',
    record: r,
    [indexPartitionAttr('pipeline')]: deliveryListPk(r.tenantId, r.subscriptionId),
    [indexPartitionAttr('company')]: deliveryStatusListPk(r.tenantId, r.subscriptionId, r.status),
    [indexSortAttr('created')]: createdSk(r.at, r.id),
    [TTL_ATTRIBUTE]: Math.floor(Date.parse(r.at) / 1000) + KEEP_SECONDS,
  };
}

export const deliveryLogPut = (r: DeliveryRecord): TransactItem => ({
  Put: { TableName: tableName(), Item: logItem(r) },
});

export const dynamoDeliveryLog: DeliveryLog = {
  async record(entry) {
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: logItem(entry) }));
  },

  list(tenantId, subscriptionId, filter, page) {
    const dimension = filter.status ? 'company' : 'pipeline';
    const pk = filter.status
      ? deliveryStatusListPk(tenantId, subscriptionId, filter.status)
      : deliveryListPk(tenantId, subscriptionId);
    return queryPage(
      {
        IndexName: indexName(dimension, 'created'),
        KeyConditionExpression: `${indexPartitionAttr(dimension)} = :pk`,
        ExpressionAttributeValues: { ':pk': pk, ...(filter.eventType ? { ':type': filter.eventType } : {}) },
        ...(filter.eventType
          ? { FilterExpression: '#record.eventType = :type', ExpressionAttributeNames: { '#record': 'record' } }
          : {}),
        ScanIndexForward: false,
      },
      page,
      (item) => item.record as DeliveryRecord,
    );
  },
};
