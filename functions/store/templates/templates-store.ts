import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TemplatesStore } from '#core/templates/ports';
import type { Template, TemplateVersion } from '#core/templates/template';
import { documentClient, tableName } from '#store/dynamo/client';
import { reasonCodes, transact } from '#store/dynamo/transact';
import { fromItem, isConditionFailure } from '#store/dynamo/item';
import { createdSk, entityListPk, META, templatePk, VERSION_PREFIX, versionSk } from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { readItem, want } from '#store/dynamo/prefetch';
import { skPrefix } from '#store/dynamo/key-prefix';

const templateItem = (t: Template) => ({
  pk: templatePk(t.tenantId, t.id),
  sk: META,
  kind: 'template',
  entityPk: entityListPk(t.tenantId, 'template'),
  createdSk: createdSk(t.createdAt, t.id),
  template: t,
});

const templateKey = (tenantId: string, id: string) => ({ pk: templatePk(tenantId, id), sk: META });

/** Asks for the template to be read with this request's authentication (prefetch.ts). */
export const prefetchTemplate = (tenantId: string, id: string): void => want(templateKey(tenantId, id));

export const dynamoTemplatesStore: TemplatesStore = {
  async get(tenantId, id) {
    const Item = await readItem(templateKey(tenantId, id));
    return Item && !Item.deletedAt ? (Item.template as Template) : undefined;
  },

  async getVersion(tenantId, id, version) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: templatePk(tenantId, id), sk: versionSk(version) } }),
    );
    return Item ? (Item.version as TemplateVersion) : undefined;
  },

  listVersions(tenantId, id, page) {
    return queryPage(
      {
        ...skPrefix(templatePk(tenantId, id), VERSION_PREFIX),
        ScanIndexForward: false,
      },
      page,
      (raw) => raw.version as TemplateVersion,
    );
  },

  list(tenantId, page) {
    return queryPage(
      {
        IndexName: 'entity-created',
        KeyConditionExpression: 'entityPk = :pk',
        ExpressionAttributeValues: { ':pk': entityListPk(tenantId, 'template') },
        ScanIndexForward: false,
      },
      page,
      (raw) => fromItem<{ template: Template }>(raw).template,
    );
  },

  async save(template, version, expected) {
    const TableName = tableName();
    const result = await transact({
      hard: [
        {
          Put: {
            TableName,
            Item: templateItem(template),
            ...(expected === null
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#t.version = :expected AND attribute_not_exists(deletedAt)',
                  ExpressionAttributeNames: { '#t': 'template' },
                  ExpressionAttributeValues: { ':expected': expected },
                }),
          },
        },
        {
          Put: {
            TableName,
            Item: {
              pk: templatePk(template.tenantId, template.id),
              sk: versionSk(version.version),
              kind: 'template-version',
              version,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
    if (result.ok) return 'saved';
    if (reasonCodes(result).includes('ConditionalCheckFailed')) return 'conflict';
    throw result.error;
  },

  async remove(template, at) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: templatePk(template.tenantId, template.id), sk: META },
          UpdateExpression: 'SET deletedAt = :at REMOVE entityPk',
          ConditionExpression: '#t.version = :v AND attribute_not_exists(deletedAt)',
          ExpressionAttributeNames: { '#t': 'template' },
          ExpressionAttributeValues: { ':at': at, ':v': template.version },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },
};
