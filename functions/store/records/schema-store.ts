import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#core/errors';
import type { BuiltInSetting } from '#core/records/built-in-fields';
import type { FieldDefinition } from '#core/records/field-definition';
import { defaultPipelines, type Pipeline } from '#core/records/pipeline';
import type { SchemaStore, TenantRecordSchema } from '#core/records/ports';
import type { Tenant } from '#core/tenancy/caller';
import { indexName, indexPartitionAttr } from '#store/dynamo/table-schema';
import { documentClient, tableName } from '#store/dynamo/client';
import { transactOrThrow } from '#store/dynamo/transact';
import { allPages } from '#store/dynamo/all-pages';
import { builtInSk, fieldSk, listPk, META, pipelineSk, schemaPk, tenantPk } from '#store/dynamo/keys';

export const pipelineItem = (tenantId: string, p: Pipeline) => ({
  pk: schemaPk(tenantId),
  sk: pipelineSk(p.id),
  kind: 'pipeline',
  pipeline: p,
});

/** Items every new tenant starts with, written in the tenant's creation transaction. */
export function onboardingItems(tenant: Tenant): Record<string, unknown>[] {
  return defaultPipelines().map((p) => pipelineItem(tenant.id, p));
}
const fieldItem = (tenantId: string, f: FieldDefinition) => ({
  pk: schemaPk(tenantId),
  sk: fieldSk(f.entity, f.name),
  kind: 'field',
  field: f,
});

const builtInItem = (tenantId: string, b: BuiltInSetting) => ({
  pk: schemaPk(tenantId),
  sk: builtInSk(b.entity, b.name),
  kind: 'builtin',
  setting: b,
});

// Fields and pipelines are read on every record write; they change rarely. The tenant item,
// read anyway to authenticate, carries schemaVersion, so the cache is never stale.
const cache = new Map<string, { version: number; schema: TenantRecordSchema }>();

async function query(tenantId: string): Promise<TenantRecordSchema> {
  const schema: TenantRecordSchema = { fields: [], pipelines: [], builtIns: [] };
  for await (const items of allPages({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': schemaPk(tenantId) },
    ConsistentRead: true,
  })) {
    for (const item of items) {
      if (item.kind === 'field') schema.fields.push(item.field as FieldDefinition);
      if (item.kind === 'pipeline') schema.pipelines.push(item.pipeline as Pipeline);
      if (item.kind === 'builtin') schema.builtIns!.push(item.setting as BuiltInSetting);
    }
  }
  schema.pipelines.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  schema.fields.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return schema;
}

/** One schema item change plus the tenant's schemaVersion bump, atomically. */
async function change(
  tenantId: string,
  item: Record<string, unknown>,
  condition: { expression?: string; values?: Record<string, unknown> },
  what: string,
  remove = false,
) {
  const Key = { pk: item.pk as string, sk: item.sk as string };
  const op = remove
    ? {
        Delete: {
          TableName: tableName(),
          Key,
          ConditionExpression: condition.expression,
          ExpressionAttributeValues: condition.values,
        },
      }
    : {
        Put: {
          TableName: tableName(),
          Item: item,
          ConditionExpression: condition.expression,
          ExpressionAttributeValues: condition.values,
        },
      };
  await transactOrThrow({
    hard: [
      op,
      {
        Update: {
          TableName: tableName(),
          Key: { pk: tenantPk(tenantId), sk: META },
          UpdateExpression: 'ADD schemaVersion :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ],
    onFailed: () => new DomainError('CONFLICT', `${what} changed meanwhile, or already exists.`),
  });
  cache.delete(tenantId);
}

const expectation = (path: string, expectedUpdatedAt?: string) =>
  expectedUpdatedAt === undefined
    ? { expression: 'attribute_not_exists(pk)' }
    : { expression: `${path}.updatedAt = :expected`, values: { ':expected': expectedUpdatedAt } };

export const dynamoSchemaStore: SchemaStore = {
  async load(tenantId, version) {
    const cached = cache.get(tenantId);
    if (cached && version !== undefined && cached.version === version) return cached.schema;
    const schema = await query(tenantId);
    if (cache.size > 5000) cache.clear();
    if (version !== undefined) cache.set(tenantId, { version, schema });
    return schema;
  },
  putField: (tenantId, field, expected) =>
    change(tenantId, fieldItem(tenantId, field), expectation('field', expected), `Field ${field.name}`),
  deleteField: (tenantId, field) =>
    change(tenantId, fieldItem(tenantId, field), { expression: 'attribute_exists(pk)' }, `Field ${field.name}`, true),
  // Last writer wins: the setting is one flag, and either answer is what an admin asked for.
  putBuiltIn: (tenantId, setting) => change(tenantId, builtInItem(tenantId, setting), {}, setting.name),
  putPipeline: (tenantId, pipeline, expected) =>
    change(tenantId, pipelineItem(tenantId, pipeline), expectation('pipeline', expected), `Pipeline ${pipeline.name}`),
  async stageInUse(tenantId, entity, stageId) {
    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: indexName('stage', 'created'),
        KeyConditionExpression: `${indexPartitionAttr('stage')} = :pk`,
        ExpressionAttributeValues: { ':pk': listPk(tenantId, entity, 'stage', stageId) },
        Limit: 1,
        ProjectionExpression: 'pk',
      }),
    );
    return (Items ?? []).length > 0;
  },
};
