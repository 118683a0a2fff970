import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Approver } from '#core/approvals/route';
import type { ApprovalNoticeDeps, Person } from '#core/sending/approval-notices';
import { roleAtLeast } from '#core/tenancy/caller';
import type { User } from '#core/tenancy/user';
import { allPages } from '#store/dynamo/all-pages';
import { documentClient, tableName } from '#store/dynamo/client';
import { fromItem, isConditionFailure } from '#store/dynamo/item';
import { entityListPk, taskNoticeSk, taskPk } from '#store/dynamo/keys';
import { dynamoActionLinks } from '#store/approvals/action-link-store';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { dynamoUsersStore } from '#store/users/users-store';

/** Kept long enough that no retry of a workflow step outlives it. */
const NOTICE_TTL_SECONDS = 30 * 86_400;

const person = (u: User): Person[] =>
  u.active && u.email ? [{ userId: u.userId, email: u.email, ...(u.name ? { name: u.name } : {}) }] : [];

async function people(tenantId: string, assignee: Approver): Promise<Person[]> {
  if ('userId' in assignee) {
    const user = await dynamoUsersStore.getUser(tenantId, assignee.userId);
    return user ? person(user) : [];
  }
  // The tenant's users (few: seats bound them), read through the users list index.
  const found: Person[] = [];
  for await (const items of allPages({
    IndexName: 'entity-created',
    KeyConditionExpression: 'entityPk = :pk',
    ExpressionAttributeValues: { ':pk': entityListPk(tenantId, 'user') },
  }))
    for (const u of items.map((i) => fromItem<User>(i)))
      if (roleAtLeast(u.role, assignee.role)) found.push(...person(u));
  return found;
}

export const dynamoApprovalNoticeDeps: Omit<ApprovalNoticeDeps, 'mailer' | 'publicBaseUrl'> = {
  actionLinks: dynamoActionLinks,
  people,
  tenant: (tenantId) => dynamoTenancyStore.getTenant(tenantId),
  async claim(tenantId, taskId, key) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            pk: taskPk(tenantId, taskId),
            sk: taskNoticeSk(key),
            kind: 'task-notice',
            ttl: Math.floor(Date.now() / 1000) + NOTICE_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },
};
