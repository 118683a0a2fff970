import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SendStore } from '#core/sending/ports';
import { advances, type Send } from '#core/sending/send';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { documentPk, SEND_PREFIX, sendSk, shareLinkRefSk } from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { shareLinkItem } from '#store/documents/items';
import { transact } from '#store/dynamo/transact';
import { sendEntries } from '#store/sending/send-timeline';
import { skPrefix } from '#store/dynamo/key-prefix';

const sendKey = (tenantId: string, documentId: string, sendId: string) => ({
  pk: documentPk(tenantId, documentId),
  sk: sendSk(sendId),
});

const sendItem = (s: Send) => ({ ...sendKey(s.tenantId, s.documentId, s.id), kind: 'send', send: s });

// Views and the client's answer are attributes beside the `send` map, so counting a view never
// races the SES events that rewrite the map (applyEvent writes back only what it read of it).
export const SEND_VIEW_ATTRIBUTES = ['views', 'viewedAt', 'lastViewedAt', 'answer'] as const;

const sendFromItem = (item: Record<string, unknown>): Send => {
  const send = { ...(item.send as Send) };
  for (const a of SEND_VIEW_ATTRIBUTES) if (item[a] !== undefined) Object.assign(send, { [a]: item[a] });
  return send;
};

const storedSend = (send: Send): Send => {
  const copy = { ...send };
  for (const a of SEND_VIEW_ATTRIBUTES) delete copy[a];
  return copy;
};

export const sendKeyOf = (tenantId: string, documentId: string, sendId: string) =>
  sendKey(tenantId, documentId, sendId);

/** A send event can only ever be appended so many times: SES sends one per recipient at most. */
const MAX_EVENTS = 100;

export const dynamoSendStore: SendStore = {
  async begin(send) {
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: sendItem(send), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  },

  async settle(send, { link, restricted }) {
    const TableName = tableName();
    const linkItems = link
      ? [
          { Put: { TableName, Item: shareLinkItem(link), ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName,
              Item: {
                pk: documentPk(link.tenantId, link.documentId),
                sk: shareLinkRefSk(link.id),
                kind: 'share-link-ref',
              },
            },
          },
        ]
      : [];
    await transact({
      retry: 'document',
      hard: [
        {
          Update: {
            TableName,
            Key: sendKey(send.tenantId, send.documentId, send.id),
            UpdateExpression: 'SET #s = :send',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#s': 'send' },
            ExpressionAttributeValues: { ':send': send },
          },
        },
        ...linkItems,
      ],
      soft: sendEntries(TableName, send, restricted),
      tooLarge: 'unreachable: a send is at most three items',
    });
  },

  async get(tenantId, documentId, sendId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: sendKey(tenantId, documentId, sendId), ConsistentRead: true }),
    );
    return Item ? sendFromItem(Item) : undefined;
  },

  list: (tenantId, documentId, page) =>
    queryPage(
      {
        ...skPrefix(documentPk(tenantId, documentId), SEND_PREFIX),
        ScanIndexForward: false,
        ConsistentRead: true,
      },
      page,
      sendFromItem,
    ),

  /** Read, move forward, write back on the same status: SES events for one message rarely race, and a lost race is retried. */
  async applyEvent(tenantId, documentId, sendId, status, events) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.get(tenantId, documentId, sendId);
      if (!current) return false;
      const next: Send = {
        ...storedSend(current),
        status: advances(current.status, status) ? status : current.status,
        events: [...current.events, ...events].slice(-MAX_EVENTS),
        updatedAt: new Date().toISOString(),
      };
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: sendKey(tenantId, documentId, sendId),
            UpdateExpression: 'SET #s = :next',
            ConditionExpression: '#s.updatedAt = :seen',
            ExpressionAttributeNames: { '#s': 'send' },
            ExpressionAttributeValues: { ':next': next, ':seen': current.updatedAt },
          }),
        );
        return true;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
    }
    throw new Error(`send ${sendId}: too many concurrent event updates`);
  },
};
