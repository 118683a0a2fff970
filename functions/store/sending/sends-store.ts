import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SendStore } from '#core/sending/ports';
import { advances, type Send } from '#core/sending/send';
import { documentClient, tableName } from '#store/dynamo/client';
import { documentPk, SEND_PREFIX, sendSk, shareLinkRefSk } from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { shareLinkItem } from '#store/documents/items';
import { failed, transact } from '#store/dynamo/transact';
import { outboxPuts } from '#store/dynamo/outbox-item';
import { emailReported, emailSent, REPORTED } from '#core/sending/events';
import type { SendStatus } from '#core/sending/send';
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

/** The statuses SES reports move a send to are the reports themselves. */
function reportOf(status: SendStatus): keyof typeof REPORTED {
  if (status in REPORTED) return status as keyof typeof REPORTED;
  throw new Error(`${status} is not a status SES reports`);
}

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
      // email.sent once SES accepted it; a send SES refused (`failed`) was never sent.
      events: send.status === 'sent' ? outboxPuts(send.tenantId, [emailSent(send)]) : [],
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

  /**
   * Read, move forward, write back on the same status, with the report's event in one transaction:
   * SES events for one message rarely race, and a lost race is retried. `reported` (beside the
   * send map) counts the reports applied: the event's version (email.sent is 1).
   */
  async applyEvent(tenantId, documentId, sendId, status, events) {
    const Key = sendKey(tenantId, documentId, sendId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const { Item } = await documentClient().send(
        new GetCommand({ TableName: tableName(), Key, ConsistentRead: true }),
      );
      if (!Item) return false;
      const current = sendFromItem(Item);
      const reported = ((Item.reported as number | undefined) ?? 0) + 1;
      const next: Send = {
        ...storedSend(current),
        status: advances(current.status, status) ? status : current.status,
        events: [...current.events, ...events].slice(-MAX_EVENTS),
        updatedAt: new Date().toISOString(),
      };
      const result = await transact({
        hard: [
          {
            Update: {
              TableName: tableName(),
              Key,
              UpdateExpression: 'SET #s = :next, reported = :reported',
              ConditionExpression: '#s.updatedAt = :seen',
              ExpressionAttributeNames: { '#s': 'send' },
              ExpressionAttributeValues: { ':next': next, ':seen': current.updatedAt, ':reported': reported },
            },
          },
        ],
        events: outboxPuts(tenantId, [emailReported(next, reportOf(status), reported + 1)]),
        tooLarge: 'unreachable: a report is two items',
      });
      if (result.ok) return true;
      if (!failed(result, 0)) throw result.error;
    }
    throw new Error(`send ${sendId}: too many concurrent event updates`);
  },
};
