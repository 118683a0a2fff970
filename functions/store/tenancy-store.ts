import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { WriteConflict } from '#core/write-conflict';
import type { Tenant } from '#core/tenancy/caller';
import type { ApiKey, AuditEntry, TenancyStore } from '#core/tenancy/ports';
import { documentClient, tableName } from '#store/dynamo';
import { batchGet } from '#store/batch-get';
import { conditionalWrite } from '#store/conditional-write';
import { fromItem, isConditionFailure } from '#store/item';
import {
  apiKeyPk,
  AUDIT_PREFIX,
  auditSk,
  createdSk,
  entityListPk,
  META,
  tenantKeyPrefix,
  tenantListPk,
  tenantPk,
} from '#store/keys';
import { queryPage } from '#store/query-page';
import { onboardingItems } from '#store/onboarding';
import { remember, takeWanted } from '#store/prefetch';

const tenantItem = (t: Tenant) => ({
  pk: tenantPk(t.id),
  sk: META,
  kind: 'tenant',
  entityPk: tenantListPk,
  createdSk: createdSk(t.createdAt, t.id),
  schemaVersion: 1,
  ...t,
});
const keyItem = (k: ApiKey) => ({
  pk: apiKeyPk(k.tenantId, k.id),
  sk: META,
  kind: 'apikey',
  entityPk: entityListPk(k.tenantId, 'apikey'),
  createdSk: createdSk(k.createdAt, k.id),
  ...k,
});

export const dynamoTenancyStore: TenancyStore = {
  async createTenant(tenant, ownerKey) {
    const put = (Item: Record<string, unknown>) => ({
      Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [put(tenantItem(tenant)), put(keyItem(ownerKey)), ...onboardingItems(tenant).map(put)],
      }),
    );
  },

  async getTenant(tenantId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: tenantPk(tenantId), sk: META }, ConsistentRead: true }),
    );
    return Item ? fromItem<Tenant>(Item) : undefined;
  },

  listTenants(page) {
    return queryPage(
      {
        IndexName: 'entity-created',
        KeyConditionExpression: 'entityPk = :pk',
        ExpressionAttributeValues: { ':pk': tenantListPk },
        ScanIndexForward: false,
      },
      page,
      fromItem<Tenant>,
    );
  },

  async updateTenant(next, audit) {
    await conditionalWrite(
      () =>
        documentClient().send(
          new TransactWriteCommand({
            TransactItems: [
              {
                // An update, not a put: schemaVersion moves independently and must not be overwritten.
                Update: {
                  TableName: tableName(),
                  Key: { pk: tenantPk(next.id), sk: META },
                  UpdateExpression:
                    'SET #plan = :plan, seats = :seats, #status = :status, version = :version, updatedAt = :updatedAt',
                  ConditionExpression: 'version = :prev',
                  ExpressionAttributeNames: { '#plan': 'plan', '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':plan': next.plan,
                    ':seats': next.seats,
                    ':status': next.status,
                    ':version': next.version,
                    ':updatedAt': next.updatedAt,
                    ':prev': next.version - 1,
                  },
                },
              },
              {
                Put: {
                  TableName: tableName(),
                  Item: { pk: tenantPk(next.id), sk: auditSk(audit.id), kind: 'audit', ...audit },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        ),
      {
        failed: () => new WriteConflict('version', `Tenant ${next.id} changed meanwhile; read it again.`),
        busy: `Tenant ${next.id} is being changed by another request; retry shortly.`,
      },
    );
  },

  listAudit(tenantId, page) {
    return queryPage(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':audit': AUDIT_PREFIX },
        ScanIndexForward: false,
      },
      page,
      fromItem<AuditEntry>,
    );
  },

  async loadKeyWithTenant(tenantId, keyId) {
    const extra = takeWanted().filter((k) => k.pk.startsWith(tenantKeyPrefix(tenantId)));
    const keys = [{ pk: apiKeyPk(tenantId, keyId), sk: META }, { pk: tenantPk(tenantId), sk: META }, ...extra];
    const items = await batchGet(keys, { consistent: true });
    // Handed out only after the key proved to belong to this tenant (see authenticate).
    const [key, tenant, ...wanted] = items;
    extra.forEach((k, i) => remember(k, wanted[i]));
    return { key: key && fromItem<ApiKey>(key), tenant: tenant && fromItem<Tenant>(tenant) };
  },

  async putKey(key) {
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: keyItem(key), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  },

  listKeys(tenantId, page) {
    return queryPage(
      {
        IndexName: 'entity-created',
        KeyConditionExpression: 'entityPk = :pk',
        ExpressionAttributeValues: { ':pk': entityListPk(tenantId, 'apikey') },
        ScanIndexForward: false,
      },
      page,
      fromItem<ApiKey>,
    );
  },

  async revokeKey(tenantId, keyId, at) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: apiKeyPk(tenantId, keyId), sk: META },
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },
};
