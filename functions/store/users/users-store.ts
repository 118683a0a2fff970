import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UsersStore } from '#core/tenancy/ports';
import type { SeatChange, User, UserChange } from '#core/tenancy/user';
import { documentClient, tableName } from '#store/dynamo/client';
import type { TransactItem } from '#store/dynamo/transact';
import { fromItem } from '#store/dynamo/item';
import { createdSk, entityListPk, META, tenantPk, userPk } from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { conditionalWrite } from '#store/dynamo/conditional-write';
import { WriteConflict } from '#core/write-conflict';

export const userItem = (u: User) => ({
  pk: userPk(u.tenantId, u.userId),
  sk: META,
  kind: 'user',
  entityPk: entityListPk(u.tenantId, 'user'),
  createdSk: createdSk(u.createdAt, u.userId),
  ...u,
});

/** The user written on the version its change was computed from (or written new). */
export const userWrite = ({ next, expectedVersion }: UserChange): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: userItem(next),
    ...(expectedVersion === null
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
  },
});

/**
 * The tenant's active-user count moved with a user's change. Taking a seat compares the count with
 * the tenant's own `seats` (both on the tenant item, so a seats change takes effect at once and two
 * writers racing for the last seat cannot both pass); the old item comes back with a refusal, so
 * the 409 needs no second read. Tenants made before users existed have no count: it starts at 0.
 */
export function seatUpdate(tenantId: string, seat: Exclude<SeatChange, 'keep'>): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: { pk: tenantPk(tenantId), sk: META },
      UpdateExpression: 'ADD activeUsers :n',
      ConditionExpression:
        seat === 'take'
          ? 'attribute_exists(pk) AND (attribute_not_exists(activeUsers) OR activeUsers < seats)'
          : 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':n': seat === 'take' ? 1 : -1 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

export const dynamoUsersStore: UsersStore = {
  async getUser(tenantId, userId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: userPk(tenantId, userId), sk: META }, ConsistentRead: true }),
    );
    return Item ? fromItem<User>(Item) : undefined;
  },

  listUsers(tenantId, page) {
    return queryPage(
      {
        IndexName: 'entity-created',
        KeyConditionExpression: 'entityPk = :pk',
        ExpressionAttributeValues: { ':pk': entityListPk(tenantId, 'user') },
      },
      page,
      fromItem<User>,
    );
  },

  async saveUser(next) {
    await conditionalWrite(
      () =>
        documentClient().send(
          new PutCommand({
            TableName: tableName(),
            Item: userItem(next),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': next.version - 1 },
          }),
        ),
      { failed: () => new WriteConflict('version', `User ${next.userId} changed meanwhile; read it again.`) },
    );
  },
};
