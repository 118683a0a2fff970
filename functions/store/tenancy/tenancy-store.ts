import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { WriteConflict } from '#core/write-conflict';
import type { Tenant } from '#core/tenancy/caller';
import type { ApiKey, AuditEntry, TenancyStore } from '#core/tenancy/ports';
import type { UserChange } from '#core/tenancy/user';
import { documentClient, tableName } from '#store/dynamo/client';
import { reasonCodes, transact, transactOrThrow, type TransactItem } from '#store/dynamo/transact';
import { batchGet } from '#store/dynamo/batch-get';
import { fromItem } from '#store/dynamo/item';
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
} from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { onboardingItems } from '#store/records/schema-store';
import { remember, takeWanted } from '#store/dynamo/prefetch';
import { dynamoUsersStore, seatUpdate, userItem, userWrite } from '#store/users/users-store';
import { skPrefix } from '#store/dynamo/key-prefix';

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

const EDITABLE = [
  'name',
  'plan',
  'seats',
  'status',
  'profile',
  'mailSettings',
  'acceptedWords',
  'approvalLinkTemplate',
  'acceptanceStageId',
] as const;

/** Sets what plan changes and settings edits write, removes settings left empty, and moves the version. */
function tenantUpdate(next: Tenant) {
  const set = EDITABLE.filter((f) => next[f] !== undefined);
  const remove = EDITABLE.filter((f) => next[f] === undefined);
  const names = Object.fromEntries(EDITABLE.map((f) => [`#${f}`, f]));
  const values = Object.fromEntries(set.map((f) => [`:${f}`, next[f]]));
  const assignments = [...set.map((f) => `#${f} = :${f}`), 'version = :version', 'updatedAt = :updatedAt'];
  return {
    UpdateExpression: `SET ${assignments.join(', ')}${remove.length ? ` REMOVE ${remove.map((f) => `#${f}`).join(', ')}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: {
      ...values,
      ':version': next.version,
      ':updatedAt': next.updatedAt,
      ':prev': next.version - 1,
    },
  };
}

export const dynamoTenancyStore: TenancyStore = {
  ...dynamoUsersStore,

  async createTenant(tenant, ownerKey, owner) {
    const put = (Item: Record<string, unknown>) => ({
      Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    await transactOrThrow({
      hard: [
        put(tenantItem(tenant)),
        put(keyItem(ownerKey)),
        put(userItem(owner)),
        ...onboardingItems(tenant).map(put),
      ],
    });
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
    await transactOrThrow({
      busy: `Tenant ${next.id} is being changed by another request; retry shortly.`,
      hard: [
        {
          // An update, not a put: schemaVersion and activeUsers move independently and must not be overwritten.
          Update: {
            TableName: tableName(),
            Key: { pk: tenantPk(next.id), sk: META },
            ...tenantUpdate(next),
            ConditionExpression: 'version = :prev',
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
      onFailed: () => new WriteConflict('version', `Tenant ${next.id} changed meanwhile; read it again.`),
    });
  },

  listAudit(tenantId, page) {
    return queryPage(
      {
        ...skPrefix(tenantPk(tenantId), AUDIT_PREFIX),
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

  async putKey(key, user) {
    const items = [
      { Put: { TableName: tableName(), Item: keyItem(key), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...userItems(key.tenantId, user),
    ];
    const reasons = await send(items);
    if (!reasons) return 'issued';
    if (reasons[1] === 'ConditionalCheckFailed') return 'user-changed';
    const old = reasons[2] === 'ConditionalCheckFailed' ? reasons.tenant : undefined;
    if (!old) throw new Error(`API key ${key.id} could not be written (${reasons.join(', ')})`);
    return { seatsFull: { seats: Number(old.seats ?? 0), activeUsers: Number(old.activeUsers ?? 0) } };
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

  async revokeKey(tenantId, keyId, at, user) {
    const reasons = await send([
      {
        Update: {
          TableName: tableName(),
          Key: { pk: apiKeyPk(tenantId, keyId), sk: META },
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at },
        },
      },
      ...(user ? userItems(tenantId, user) : []),
    ]);
    if (!reasons) return 'revoked';
    return reasons[0] === 'ConditionalCheckFailed' ? 'not-found' : 'user-changed';
  },
};

/** The user's write and, when its seat moves, the tenant's count: item 1 and item 2 after the key. */
const userItems = (tenantId: string, user: UserChange): TransactItem[] => [
  userWrite(user),
  ...(user.seat === 'keep' ? [] : [seatUpdate(tenantId, user.seat)]),
];

type Refusal = string[] & { tenant?: Record<string, unknown> };

/**
 * One transaction; undefined when it committed, else each item's cancellation code, with the
 * tenant item as it was when the seat condition refused it. A concurrent transaction (AWS only)
 * is a conflict the use case retries.
 */
async function send(hard: TransactItem[]): Promise<Refusal | undefined> {
  const result = await transact({ hard, busy: 'The user is being changed; retry shortly.' });
  if (result.ok) return undefined;
  const codes: Refusal = reasonCodes(result);
  const raw = result.reasons[2]?.item as Parameters<typeof unmarshall>[0] | undefined;
  if (raw) codes.tenant = unmarshall(raw);
  return codes;
}
