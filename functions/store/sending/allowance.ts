import type { SendingAllowance, SendingWindows } from '#core/sending/ports';
import { tableName } from '#store/dynamo/client';
import { failed, transact } from '#store/dynamo/transact';
import { sendCounterPk } from '#store/dynamo/keys';

// Two running totals per tenant, the minute's and the day's, raised together or not at all: a
// condition cannot add (`n + :k <= :max`), so it compares with `:max - :k`, computed here.

const minuteKey = (tenantId: string, w: SendingWindows) => ({ pk: sendCounterPk(tenantId), sk: `M#${w.minute}` });
const dayKey = (tenantId: string, w: SendingWindows) => ({ pk: sendCounterPk(tenantId), sk: `D#${w.day}` });
/** Kept a day past their window, then DynamoDB's TTL removes them. */
const expiry = (w: SendingWindows) => Math.floor(Date.parse(`${w.day}T00:00:00Z`) / 1000) + 2 * 86_400;

const add = (key: { pk: string; sk: string }, n: number, ttl: number, max?: number) => ({
  Update: {
    TableName: tableName(),
    Key: key,
    UpdateExpression: 'ADD #n :n SET #ttl = :ttl, kind = :kind',
    ...(max === undefined ? {} : { ConditionExpression: 'attribute_not_exists(#n) OR #n <= :room' }),
    ExpressionAttributeNames: { '#n': 'n', '#ttl': 'ttl' },
    ExpressionAttributeValues: {
      ':n': n,
      ':ttl': ttl,
      ':kind': 'send-counter',
      ...(max === undefined ? {} : { ':room': max - n }),
    },
  },
});

export const dynamoSendingAllowance: SendingAllowance = {
  async take(tenantId, recipients, windows, limit) {
    if (recipients > limit.perMinute) return 'minute';
    if (recipients > limit.perDay) return 'day';
    const ttl = expiry(windows);
    // Concurrent sends of one tenant contend for these two items: transact() retries the conflicts.
    const result = await transact({
      retry: 'document',
      hard: [
        add(minuteKey(tenantId, windows), recipients, ttl, limit.perMinute),
        add(dayKey(tenantId, windows), recipients, ttl, limit.perDay),
      ],
      tooLarge: 'unreachable: two counters',
    });
    if (result.ok) return 'ok';
    return failed(result, 1) ? 'day' : 'minute';
  },

  async giveBack(tenantId, recipients, windows) {
    const ttl = expiry(windows);
    await transact({
      retry: 'document',
      hard: [add(minuteKey(tenantId, windows), -recipients, ttl), add(dayKey(tenantId, windows), -recipients, ttl)],
      tooLarge: 'unreachable: two counters',
    });
  },
};
