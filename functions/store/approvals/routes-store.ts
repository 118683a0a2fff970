import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalRoutesStore } from '#core/approvals/ports';
import type { ApprovalRoute, RouteVersion } from '#core/approvals/route';
import { allUnder } from '#store/dynamo/all-pages';
import { documentClient, tableName } from '#store/dynamo/client';
import { approvalRoutePk, entityListPk, VERSION_PREFIX } from '#store/dynamo/keys';
import { routeItem, routeKey, routeVersionItem } from '#store/approvals/items';
import { transact } from '#store/dynamo/transact';

/** Routes: the META item carries the current version; every version is its own immutable item. */
export const dynamoApprovalRoutes: ApprovalRoutesStore = {
  async create(route) {
    const TableName = tableName();
    await transact({
      retry: 'document',
      hard: [
        { Put: { TableName, Item: routeItem(route), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName,
            Item: routeVersionItem(route.tenantId, route.current),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      tooLarge: 'unreachable: a route and its version are two items',
    });
  },
  async publish(route, next) {
    const TableName = tableName();
    const result = await transact({
      retry: 'document',
      hard: [
        {
          Put: {
            TableName,
            Item: routeItem({ ...route, current: next }),
            ConditionExpression: '#r.#c.#v = :expected',
            ExpressionAttributeNames: { '#r': 'route', '#c': 'current', '#v': 'version' },
            ExpressionAttributeValues: { ':expected': route.current.version },
          },
        },
        {
          Put: {
            TableName,
            Item: routeVersionItem(route.tenantId, next),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      tooLarge: 'unreachable: a route and its version are two items',
    });
    return result.ok;
  },
  async get(tenantId, id) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: routeKey(tenantId, id), ConsistentRead: true }),
    );
    return Item?.route as ApprovalRoute | undefined;
  },
  async list(tenantId) {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'entity-created',
        KeyConditionExpression: 'entityPk = :pk',
        ExpressionAttributeValues: { ':pk': entityListPk(tenantId, 'approvalroute') },
        ScanIndexForward: false,
        Limit: 100,
      }),
    );
    return Items.map((i) => i.route as ApprovalRoute);
  },
  versions: (tenantId, id) =>
    allUnder(approvalRoutePk(tenantId, id), VERSION_PREFIX, (i) => i.routeVersion as RouteVersion),
};
