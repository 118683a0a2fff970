import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateCounter } from '#core/pages/ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { META, pagesRatePk } from '#store/dynamo/keys';

const WINDOW_SECONDS = 60;

const windowOf = (now: Date) => {
  const start = Math.floor(now.getTime() / 1000 / WINDOW_SECONDS) * WINDOW_SECONDS;
  return { start, key: new Date(start * 1000).toISOString() };
};

/**
 * One item per key and minute, in the table every instance shares: a limit kept in a Lambda's
 * memory would be multiplied by the instances an attacker's requests spread over. Keys arrive hashed.
 */
export const dynamoRateCounter: RateCounter = {
  async hit(key, now) {
    const window = windowOf(now);
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: pagesRatePk(key, window.key), sk: META },
        UpdateExpression: 'ADD #n :one SET #kind = :kind, #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#n': 'n', '#ttl': 'ttl', '#kind': 'kind' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':kind': 'pages-rate-counter',
          ':ttl': window.start + WINDOW_SECONDS * 2,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return (Attributes?.n as number | undefined) ?? 1;
  },
  async peek(key, now) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: pagesRatePk(key, windowOf(now).key), sk: META } }),
    );
    return (Item?.n as number | undefined) ?? 0;
  },
};
