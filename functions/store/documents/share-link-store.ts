import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#core/errors';
import type { ShareLink, ShareLinkStore } from '#core/documents/ports';
import { allPages } from '#store/dynamo/all-pages';
import { batchGet } from '#store/dynamo/batch-get';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { documentPk, SHARE_LINK_REF_PREFIX } from '#store/dynamo/keys';
import { documentExists } from '#store/documents/checks';
import { shareLinkFromItem, shareLinkItem, shareLinkKey, shareLinkRefKey } from '#store/documents/items';
import { documentEntry } from '#store/documents/timeline';
import { transact } from '#store/dynamo/transact';
import { skPrefix } from '#store/dynamo/key-prefix';
import { linkActor } from '#core/actor';

// A share link is read by id alone (the public token names tenant and link), so it has its own
// item; the document's partition keeps a reference to it for the owner's list and the delete.

export const dynamoShareLinkStore: ShareLinkStore = {
  async putShareLink(link) {
    const TableName = tableName();
    const result = await transact({
      retry: 'document',
      hard: [
        { Put: { TableName, Item: shareLinkItem(link), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName,
            Item: { ...shareLinkRefKey(link.tenantId, link.documentId, link.id), kind: 'share-link-ref' },
          },
        },
        documentExists(TableName, link.tenantId, link.documentId),
      ],
      tooLarge: 'unreachable: a share link is three items',
    });
    if (!result.ok) throw new DomainError('NOT_FOUND', `No document with id ${link.documentId}.`);
  },

  async getShareLink(tenantId, id) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: shareLinkKey(tenantId, id), ConsistentRead: true }),
    );
    return Item ? shareLinkFromItem(Item) : undefined;
  },

  async listShareLinks(tenantId, documentId) {
    const ids: string[] = [];
    for await (const items of allPages({
      ...skPrefix(documentPk(tenantId, documentId), SHARE_LINK_REF_PREFIX),
      ConsistentRead: true,
      ProjectionExpression: 'sk',
    }))
      ids.push(...items.map((i) => (i.sk as string).slice(SHARE_LINK_REF_PREFIX.length)));
    const links = await batchGet(
      ids.map((id) => shareLinkKey(tenantId, id)),
      { consistent: true },
    );
    return links
      .flatMap((i) => (i ? [shareLinkFromItem(i)] : []))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  },

  async revokeShareLink(tenantId, id, at) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: shareLinkKey(tenantId, id),
          UpdateExpression: 'SET #l.revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#l.revokedAt)',
          ExpressionAttributeNames: { '#l': 'link' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },

  /** The count and the document's log line in one transaction; the condition re-checks everything the reader saw. */
  async countDownload(link: ShareLink, at: string) {
    const TableName = tableName();
    const result = await transact({
      retry: 'document',
      hard: [
        {
          Update: {
            TableName,
            Key: shareLinkKey(link.tenantId, link.id),
            UpdateExpression: 'SET #l.downloads = #l.downloads + :one, #l.lastDownloadAt = :now',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(#l.revokedAt) AND #l.expiresAt > :now AND (attribute_not_exists(#l.maxDownloads) OR #l.downloads < #l.maxDownloads)',
            ExpressionAttributeNames: { '#l': 'link' },
            ExpressionAttributeValues: { ':one': 1, ':now': at },
          },
        },
        documentEntry(
          TableName,
          { tenantId: link.tenantId, id: link.documentId },
          'downloaded',
          linkActor(link),
          at,
          [],
        ),
      ],
      tooLarge: 'unreachable: a download is two items',
    });
    return result.ok;
  },
};
